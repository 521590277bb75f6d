/*
 * The raw-parse floor of the benchmark: reads a CSV file with libcsv (the parser Siirto
 * itself uses) and counts fields and records, doing nothing else. The delimiter is taken
 * from the header line (';' if it has one, else ','), as Siirto detects it.
 *
 * Usage: csvparse FILE   prints "RECORDS FIELDS" (the header counts as a record).
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counts {
  size_t fields;
  size_t records;
};

static void on_field(void *data, size_t len, void *counts) {
  (void)data;
  (void)len;
  ((struct counts *)counts)->fields++;
}

static void on_record(int terminator, void *counts) {
  (void)terminator;
  ((struct counts *)counts)->records++;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 64;
  }
  FILE *in = fopen(argv[1], "rb");
  if (!in) {
    perror(argv[1]);
    return 66;
  }
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf, in);
  const char *eol = memchr(buf, '\n', n);
  size_t head = eol ? (size_t)(eol - buf) : n;
  unsigned char delimiter = memchr(buf, ';', head) ? ';' : ',';

  struct csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) return 70;
  csv_set_delim(&p, delimiter);
  struct counts c = {0, 0};
  while (n > 0) {
    if (csv_parse(&p, buf, n, on_field, on_record, &c) != n) {
      fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
      return 65;
    }
    n = fread(buf, 1, sizeof buf, in);
  }
  if (ferror(in)) {
    perror(argv[1]);
    return 74;
  }
  csv_fini(&p, on_field, on_record, &c);
  csv_free(&p);
  fclose(in);
  printf("%zu %zu\n", c.records, c.fields);
  return 0;
}
