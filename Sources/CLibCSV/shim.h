// libcsv has no pkg-config file; Debian installs the header at /usr/include.
#include <csv.h>
