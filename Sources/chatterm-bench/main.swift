import Foundation

// chatterm-bench: measures the receive path, the reducer, the frame cost and a burst end to end.
// Run in release mode (`make bench`); debug figures mean nothing.

let options: BenchOptions
switch BenchOptions.parse(Array(CommandLine.arguments.dropFirst())) {
case let .run(parsed): options = parsed
case .help:
    print(BenchOptions.usage)
    exit(0)
case let .invalid(problem):
    FileHandle.standardError.write(Data("chatterm-bench: \(problem)\n\(BenchOptions.usage)\n".utf8))
    exit(2)
}

#if DEBUG
print("warning: this is a debug build; build with -c release for meaningful figures\n")
#endif

/// Each benchmark prints as soon as it is done; a failure stops the run with a clear message.
func section(_ name: String, _ body: () throws -> Table) {
    sections(name) { [try body()] }
}

func sections(_ name: String, _ body: () throws -> [Table]) {
    do {
        for table in try body() {
            print(table.render(markdown: options.markdown))
            // Out now, also into a pipe (`make bench | tee`): `fflush(nil)` flushes stdout
            // without naming the C global Swift 6 cannot prove safe.
            fflush(nil)
        }
    } catch {
        FileHandle.standardError.write(Data("chatterm-bench: \(name) failed: \(error)\n".utf8))
        exit(1)
    }
}

// Missing binaries are reported before minutes of in-process benchmarks, not after.
if !options.skipEndToEnd {
    do {
        for name in ["chatterm", "chatterm-server"] { _ = try BinaryLocator.sibling(name) }
        for name in ["curl", "tmux"] { _ = try BinaryLocator.onPath(name) }
    } catch {
        FileHandle.standardError.write(Data("chatterm-bench: \(error)\n".utf8))
        exit(1)
    }
}

print("chatterm-bench\(options.quick ? " (quick)" : "") · \(ProcessInfo.processInfo.activeProcessorCount) CPUs\n")
fflush(nil)
func wanted(_ name: String) -> Bool { options.only == nil || options.only == name }
if wanted("decoder") { section("decoder") { try DecoderBench.run(quick: options.quick) } }
if wanted("reducer") { section("reducer") { try ReducerBench.run(quick: options.quick) } }
if wanted("frame") { section("frame") { try FrameBench.run(quick: options.quick) } }
if options.skipEndToEnd {
    print("(end-to-end burst and steady stream skipped: --skip-e2e)")
} else {
    if wanted("e2e") { section("end-to-end") { try EndToEndBench.run(quick: options.quick) } }
    if wanted("steady") { section("steady stream") { try SteadyStreamBench.run(quick: options.quick) } }
    if wanted("markdown") { sections("markdown") { try MarkdownBench.run(quick: options.quick) } }
    if wanted("ask") { section("ask") { try AskBench.run(quick: options.quick) } }
    if wanted("compare") { section("compare") { try CompareBench.run(quick: options.quick) } }
    // Needs the MCP tool loop through `chatterm ask`: only when asked for by name.
    if options.only == "tools" {
        section("tools: stdio start") { try ToolBench.runStart(quick: options.quick) }
        section("tools: turnaround") { try ToolBench.runTurnaround(quick: options.quick) }
    }
    // Minutes to generate its database: only when asked for by name.
    if options.only == "large" { section("large history") { try LargeSessionBench.run(quick: options.quick) } }
    if options.only == "keys" { section("key to screen") { try KeyLatencyBench.run(quick: options.quick) } }
}
