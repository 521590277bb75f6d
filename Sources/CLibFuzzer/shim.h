// libFuzzer's driver, from compiler-rt's libclang_rt.fuzzer_no_main archive,
// which scripts/fuzz.sh links in. The harnesses keep their own main: the
// archive with libFuzzer's main would take over every executable of the build
// (SwiftPM renames an executable's main, so the linker pulls libFuzzer's in).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));
