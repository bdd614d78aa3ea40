// libzint (Debian: libzint-dev) encodes the Code 128 barcodes printed on bands, labels and slips.
// Only the Printing module imports it.
#include <zint.h>
