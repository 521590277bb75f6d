// The parts of libxml2 that Siirto uses: the streaming reader with XSD
// validation, the schema parser and the text writer.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and <libxml/encoding.h> then includes ICU's
// headers, which clash with the ICU that Foundation bundles. Siirto never
// touches the ICU converter fields, so it reads the headers without them.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
