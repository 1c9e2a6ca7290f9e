# The two commands of the README: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: demo test build deps bench clean keys-doc

deps:
	@bash .ci/install-deps

build: deps
	$(SWIFT) build -c release --product chatterm
	$(SWIFT) build -c release --product chatterm-server

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

clean:
	rm -rf .build
