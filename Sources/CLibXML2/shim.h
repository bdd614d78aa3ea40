#ifndef ILLGATE_CLIBXML2_SHIM_H
#define ILLGATE_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its headers would pull in the system ICU,
   whose UErrorCode clashes with Foundation's _FoundationICU. Nothing we call
   needs the ICU-specific fields, so hide them. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlreader.h>

/* xmlFree is a global function-pointer variable; Swift 6 rejects touching it. */
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }

static inline const char *clibxml2_version(void) { return LIBXML_DOTTED_VERSION; }

#endif
