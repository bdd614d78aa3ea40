// libharu (Debian: libhpdf-dev) writes the PDF documents illgate prints: invoices, statements, labels, slips.
// Only the Printing module imports it.
#include <hpdf.h>
