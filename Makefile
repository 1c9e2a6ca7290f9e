# The two commands of the README: `make demo` and `make test`; `make install` for a user's machine.
SWIFT ?= swift

# Where `make install` puts things (DESTDIR is prepended, for packagers).
PREFIX ?= $(HOME)/.local
DESTDIR ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

# The commit `chatterm --version` names (with -dirty for uncommitted changes), given to the
# build through the CBuildInfo C target.
COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(shell git diff --quiet HEAD 2>/dev/null; [ $$? -eq 1 ] && echo -dirty)
BUILD_INFO = -Xcc -DCHATTERM_COMMIT='"$(COMMIT)"'
# The Swift runtime and Foundation linked in: the binary runs where no toolchain is installed.
STATIC = --static-swift-stdlib

.PHONY: demo test build deps bench clean keys-doc fields-doc install uninstall install-check

deps:
	@bash .ci/install-deps

build: deps
	$(SWIFT) build -c release --product chatterm $(BUILD_INFO)
	$(SWIFT) build -c release --product chatterm-server $(BUILD_INFO)

# Opens chatterm on the bundled local server: streams real replies with no key and no network.
demo: build
	@bash .ci/demo

# Every test: reducer, decoder, views, client, store, and end to end in tmux.
# The end-to-end tests drive the debug binaries, so they are built first. All tests are XCTest,
# so the Swift Testing runner (which would only report "0 tests") is not started.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --disable-swift-testing

bench: deps
	for p in chatterm chatterm-server chatterm-bench; do $(SWIFT) build -c release --product $$p || exit 1; done
	$$($(SWIFT) build -c release --show-bin-path)/chatterm-bench

# Rewrites the generated tables of docs/keys.md from the keymap (a test fails when they differ).
keys-doc:
	$(SWIFT) build --product chatterm
	python3 -c 'import re,subprocess,sys; doc=open("docs/keys.md").read(); gen=subprocess.run([".build/debug/chatterm","keys","--no-config","--markdown"],capture_output=True,text=True,check=True).stdout.strip(); b="<!-- generated: chatterm keys --no-config --markdown (a test compares) -->\n"; e="\n<!-- end generated -->"; i=doc.index(b)+len(b); j=doc.index(e,i); open("docs/keys.md","w").write(doc[:i]+gen+doc[j:])'

# docs/fields.md's table, configuration.md's [defaults] table and ask's field options
# (Sources/chatterm/AskFieldOptions.swift), generated from the request-field table (RequestField.all).
fields-doc:
	$(SWIFT) build --build-tests
	FIELDS_DOC_WRITE=1 $(SWIFT) test --skip-build --disable-swift-testing --filter 'StreamProtocolTests.FieldsDocumentTests|ScriptModeTests.AskFieldOptionsSourceTests'

# The binary (Swift runtime linked in, symbols stripped: 66 MB, most of it ICU data), its man page generated from the argument definitions
# (swift-argument-parser's generate-manual tool reads the binary's own --experimental-dump-help,
# so it cannot drift from --help), and shell completions for bash, zsh and fish made by the
# binary itself.
install: deps
	$(SWIFT) build -c release --product chatterm $(STATIC) $(BUILD_INFO)
	$(SWIFT) build --product generate-manual
	install -d "$(BINDIR)" "$(MANDIR)" "$(BASHDIR)" "$(ZSHDIR)" "$(FISHDIR)"
	install -m 755 -s "$$($(SWIFT) build -c release $(STATIC) --show-bin-path)/chatterm" "$(BINDIR)/chatterm"
	rm -rf .build/man && mkdir -p .build/man
	"$$($(SWIFT) build --show-bin-path)/generate-manual" "$(BINDIR)/chatterm" --authors "the chatterm authors" --output-directory .build/man
	install -m 644 .build/man/chatterm.1 "$(MANDIR)/chatterm.1"
	"$(BINDIR)/chatterm" --generate-completion-script bash > "$(BASHDIR)/chatterm"
	"$(BINDIR)/chatterm" --generate-completion-script zsh > "$(ZSHDIR)/_chatterm"
	"$(BINDIR)/chatterm" --generate-completion-script fish > "$(FISHDIR)/chatterm.fish"
	@echo "installed chatterm $(COMMIT) in $(DESTDIR)$(PREFIX)"

# Removes exactly the files `make install` wrote (directories stay: others may use them).
uninstall:
	rm -f "$(BINDIR)/chatterm" "$(MANDIR)/chatterm.1" "$(BASHDIR)/chatterm" "$(ZSHDIR)/_chatterm" "$(FISHDIR)/chatterm.fish"

# Installs into a scratch DESTDIR and checks what a user's machine gets (run by CI).
install-check:
	bash .ci/install-check

clean:
	rm -rf .build
