# Builds and installs siirto: `make install PREFIX=/usr/local` (DESTDIR is
# honoured for packaging). The binary embeds the schemas and links the Swift
# runtime statically, so an installed siirto needs neither the source tree nor
# a Swift toolchain; it needs the system libraries libxml2, libcsv, libsqlite3
# and the tz database (Debian: libxml2 libcsv3 libsqlite3-0 tzdata).

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
DATADIR = $(DESTDIR)$(PREFIX)/share/siirto
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

SWIFT ?= swift
INSTALL ?= install
# Unstripped by default, so the Swift runtime's crash backtraces name the
# functions; `make install-strip` trades that for a binary a third smaller.
INSTALL_PROGRAM ?= $(INSTALL) -m 0755
RELEASE = $(SWIFT) build -c release --static-swift-stdlib
BIN = .build/release/siirto
GENERATED = .build/siirto-install
# The man page is dated by the last commit, so the same sources give the same page.
MANDATE := $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)

.PHONY: all build man completions install install-strip installcheck uninstall clean

all: build

build:
	$(RELEASE) --product siirto

# swift-argument-parser's generate-manual tool reads the parser's description
# of itself (siirto --experimental-dump-help), so the page always matches the
# options. The tool is built from the package's own checkout, so this works
# offline; it is the same tool the `swift package generate-manual` plugin runs,
# without the plugin's rebuild of every product.
man: build
	$(RELEASE) --product generate-manual
	mkdir -p $(GENERATED)
	.build/release/generate-manual $(BIN) --date $(MANDATE) --output-directory $(GENERATED)

completions: build
	mkdir -p $(GENERATED)
	$(BIN) --generate-completion-script bash > $(GENERATED)/siirto.bash
	$(BIN) --generate-completion-script zsh > $(GENERATED)/_siirto
	$(BIN) --generate-completion-script fish > $(GENERATED)/siirto.fish

# The cron files name /usr/local; an installation elsewhere gets its own paths.
install: build man completions
	$(INSTALL) -d $(BINDIR) $(MANDIR) $(DATADIR)/cron $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	$(INSTALL_PROGRAM) $(BIN) $(BINDIR)/siirto
	$(INSTALL) -m 0644 $(GENERATED)/siirto.1 $(MANDIR)/siirto.1
	$(INSTALL) -m 0644 $(GENERATED)/siirto.bash $(BASHDIR)/siirto
	$(INSTALL) -m 0644 $(GENERATED)/_siirto $(ZSHDIR)/_siirto
	$(INSTALL) -m 0644 $(GENERATED)/siirto.fish $(FISHDIR)/siirto.fish
	$(INSTALL) -m 0644 schemas/siirto.sample.toml $(DATADIR)/siirto.sample.toml
	for f in siirto.crontab siirto.service siirto.timer README.md; do \
	  sed 's|/usr/local/|$(PREFIX)/|g' cron/$$f > $(DATADIR)/cron/$$f && \
	  chmod 0644 $(DATADIR)/cron/$$f || exit 1; \
	done

install-strip:
	$(MAKE) install INSTALL_PROGRAM='$(INSTALL) -m 0755 -s'

# Checks an installation: the binary runs from outside the source tree, carries
# the schemas in itself, and the man page, completions and shared files are in
# place. `make install installcheck uninstall PREFIX=$$(mktemp -d)` tries it all.
installcheck:
	cd / && $(BINDIR)/siirto --help > /dev/null
	grep -qa 'max_file_size = 4294967296' $(BINDIR)/siirto
	test -s $(MANDIR)/siirto.1 && grep -q '^.Nm siirto' $(MANDIR)/siirto.1
	test -s $(BASHDIR)/siirto && test -s $(ZSHDIR)/_siirto && test -s $(FISHDIR)/siirto.fish
	test -s $(DATADIR)/siirto.sample.toml
	grep -q '^ExecStart=$(PREFIX)/bin/siirto run' $(DATADIR)/cron/siirto.service
	test -s $(DATADIR)/cron/siirto.timer && test -s $(DATADIR)/cron/siirto.crontab
	@echo "installcheck: siirto is installed under $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f $(BINDIR)/siirto $(MANDIR)/siirto.1
	rm -f $(BASHDIR)/siirto $(ZSHDIR)/_siirto $(FISHDIR)/siirto.fish
	rm -f $(DATADIR)/siirto.sample.toml
	rm -f $(DATADIR)/cron/siirto.crontab $(DATADIR)/cron/siirto.service
	rm -f $(DATADIR)/cron/siirto.timer $(DATADIR)/cron/README.md
	-rmdir $(DATADIR)/cron $(DATADIR) 2>/dev/null

clean:
	rm -rf $(GENERATED)
	$(SWIFT) package clean
