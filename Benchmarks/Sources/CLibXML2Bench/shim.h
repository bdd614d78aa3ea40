/* Raw libxml2 for the reference benchmark only. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED /* avoids the UErrorCode clash with Foundation's _FoundationICU */
#include <libxml/parser.h>
#include <libxml/tree.h>
