// swift-tools-version:6.0
// chatterm: a full-screen terminal chat client for Prem AI and OpenAI-compatible servers.
// The target list mirrors the architecture (docs/architecture.md): pure cores at the bottom,
// I/O at the edges, the executable only wires them together.
import PackageDescription

// Swift 6 language mode (strict concurrency checking) in every target: the C modules are
// reached only through their shims, and the few classes shared across threads say beside them
// why they are safe (`// safe:`).
let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let flyingFox = Target.Dependency.product(name: "FlyingFox", package: "FlyingFox")
let flyingSocks = Target.Dependency.product(name: "FlyingSocks", package: "FlyingFox")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let tomlKit = Target.Dependency.product(name: "TOMLKit", package: "TOMLKit")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
/// `Clock` values the code is given instead of reading time itself: `ContinuousClock` when run,
/// `TestClock` in unit tests (retries, heartbeats, idle notices and frame pacing run on it).
let clocks = Target.Dependency.product(name: "Clocks", package: "swift-clocks")
/// The Model Context Protocol's official Swift SDK: the tool servers' client and the test server.
let mcp = Target.Dependency.product(name: "MCP", package: "swift-sdk")
/// The SDK's `Transport` protocol names swift-log's `Logger`, and its `StdioTransport` takes
/// swift-system's `FileDescriptor`s: the tool servers' host names both.
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let systemPackage = Target.Dependency.product(name: "SystemPackage", package: "swift-system")

// Each target lists exactly the modules its files import (a test in Tests/ChattermTests checks).
let package = Package(
    name: "chatterm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "chatterm", targets: ["chatterm"]),
        .executable(name: "chatterm-server", targets: ["chatterm-server"]),
        .executable(name: "chatterm-bench", targets: ["chatterm-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // C shims: module maps and static inline wrappers for what Swift cannot call.
        .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        // cmark-gfm and its extensions (never plain libcmark: the two export the same symbols).
        .target(name: "CCmarkGFM", linkerSettings: [.linkedLibrary("cmark-gfm"), .linkedLibrary("cmark-gfm-extensions")]),
        // The commit `make` built from (`chatterm --version`).
        .target(name: "CBuildInfo"),

        // Pure layers.
        .target(name: "Deterministic", swiftSettings: swift6),
        .target(name: "StreamProtocol", swiftSettings: swift6),
        // Markdown text into plain block values (cmark-gfm does the parsing).
        .target(name: "MarkdownParsing", dependencies: ["CCmarkGFM"], swiftSettings: swift6),
        // The reducer finds a message's code blocks (to copy one) with the same parser the view uses.
        .target(name: "ChatCore", dependencies: ["MarkdownParsing", "StreamProtocol"], swiftSettings: swift6),
        // Line-by-line lexers for code blocks, state carried from line to line.
        .target(name: "SyntaxHighlighting", swiftSettings: swift6),
        .target(
            name: "TerminalUI", dependencies: ["ChatCore", "MarkdownParsing", "StreamProtocol", "SyntaxHighlighting"],
            swiftSettings: swift6),
        // `chatterm ask`: the prompt, the request-field flags and what goes to stdout/stderr.
        .target(name: "ScriptMode", dependencies: ["ChatCore", "StreamProtocol"], swiftSettings: swift6),

        // I/O edges.
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "ChatCore", "TerminalUI"], swiftSettings: swift6),
        .target(name: "ChatClient", dependencies: ["CCurl", "StreamProtocol"], swiftSettings: swift6),
        .target(
            name: "SessionStore", dependencies: ["ChatCore", "Deterministic", "StreamProtocol", grdb], swiftSettings: swift6),
        .target(
            name: "LocalServer", dependencies: ["Deterministic", "StreamProtocol", flyingFox, flyingSocks], swiftSettings: swift6),

        // The config and theme files (TOML) parsed into plain settings and themes; reading the
        // files is the executable's job.
        .target(
            name: "ChattermConfig", dependencies: ["ChatCore", "StreamProtocol", "TerminalUI", tomlKit], swiftSettings: swift6),

        // Child processes with a clean signal mask: tmux and servers for the tests and the
        // benchmark, and the user's $EDITOR on the terminal for the app.
        .target(name: "ProcessSpawn", swiftSettings: swift6),
        .target(name: "ExternalEditor", dependencies: ["ProcessSpawn"], swiftSettings: swift6),

        // The one effect runner, for the app and for `chatterm ask`, with everything it reaches
        // (clock, store, streamer, clipboard, spawn, files) passed in; and the run loop's pacing.
        .target(name: "ChatRuntime", dependencies: ["ChatCore", "StreamProtocol"], swiftSettings: swift6),
        // The `[mcp.NAME]` servers: started as child processes (stdio) or reached over HTTP,
        // their tools listed and called through the MCP SDK (`ToolServersClient` for the runtime).
        // HTTP servers over libcurl (the SDK's HTTP client does not work on Linux; see
        // docs/dependencies.md), their SSE answers read with StreamProtocol's decoder.
        .target(
            name: "ToolServers", dependencies: ["CCurl", "ChatCore", "ChatRuntime", "ProcessSpawn", "StreamProtocol", logging, mcp, systemPackage],
            swiftSettings: swift6),
        // The test MCP server `chatterm-server --mcp-stdio` serves: deterministic tools, one slow,
        // one that crashes (tests, `make demo`, the benchmark). LocalServer for the timing log
        // both local servers write (the tool benchmark's one clock and line format).
        .target(name: "LocalToolServer", dependencies: ["LocalServer", mcp], swiftSettings: swift6),

        // Executables: wiring only.
        .executableTarget(
            name: "chatterm",
            dependencies: [
                "CBuildInfo", "ChatClient", "ChatCore", "ChatRuntime", "ChattermConfig", "CursesTerminal", "ExternalEditor", "ProcessSpawn", "ScriptMode",
                "SessionStore", "StreamProtocol", "TerminalUI", "ToolServers", argumentParser,
            ],
            swiftSettings: swift6
        ),
        .executableTarget(name: "chatterm-server", dependencies: ["LocalServer", "LocalToolServer", argumentParser], swiftSettings: swift6),
        .executableTarget(
            name: "chatterm-bench",
            dependencies: [
                "ChatCore", "CursesTerminal", "Deterministic", "LocalServer", "ProcessSpawn", "SessionStore", "StreamProtocol", "TerminalUI", mcp,
            ],
            swiftSettings: swift6),

        // Tests.
        // What tests of code on an injected clock share: waiting for a sleeper on a `TestClock`,
        // and waiting for a condition other threads make true, neither by sleeping.
        .target(name: "TestClockSupport", dependencies: [clocks], path: "Tests/TestClockSupport", swiftSettings: swift6),
        .testTarget(name: "StreamProtocolTests", dependencies: ["Deterministic", "StreamProtocol"], swiftSettings: swift6),
        .testTarget(name: "ChatCoreTests", dependencies: ["ChatCore", "Deterministic", "StreamProtocol"], swiftSettings: swift6),
        .testTarget(name: "ChatRuntimeTests", dependencies: ["ChatCore", "ChatRuntime", "StreamProtocol", "TestClockSupport", clocks], swiftSettings: swift6),
        .testTarget(name: "MarkdownParsingTests", dependencies: ["MarkdownParsing"], swiftSettings: swift6),
        .testTarget(name: "SyntaxHighlightingTests", dependencies: ["SyntaxHighlighting"], swiftSettings: swift6),
        .testTarget(name: "ScriptModeTests", dependencies: ["ChatCore", "ScriptMode", "StreamProtocol"], swiftSettings: swift6),
        .testTarget(
            name: "TerminalUITests",
            dependencies: [
                "ChatCore", "Deterministic", "StreamProtocol", "TerminalUI",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "ChatClientTests",
            dependencies: ["CCurl", "ChatClient", "Deterministic", "LocalServer", "StreamProtocol", "TestClockSupport", clocks, flyingFox, flyingSocks],
            swiftSettings: swift6
        ),
        .testTarget(name: "CursesTerminalTests", dependencies: ["ChatCore", "CursesTerminal", "Deterministic", "TerminalUI"], swiftSettings: swift6),
        .testTarget(
            name: "SessionStoreTests",
            // GRDB directly: the migration tests build a database as an older chatterm left it.
            dependencies: ["ChatCore", "Deterministic", "SessionStore", "StreamProtocol", "TestClockSupport", clocks, grdb],
            swiftSettings: swift6
        ),
        .testTarget(name: "ExternalEditorTests", dependencies: ["ExternalEditor"], swiftSettings: swift6),
        .testTarget(name: "ChattermConfigTests", dependencies: ["ChatCore", "ChattermConfig", "StreamProtocol", "TerminalUI"], swiftSettings: swift6),
        // The tool servers' host against real children: a small MCP server from the SDK
        // (`ToolServersTestServer`, built with the tests, found beside them), `/bin/sh` children that crash,
        // and a FlyingFox server on 127.0.0.1 for the HTTP transport (and for the SDK's own HTTP
        // transport, to show what it cannot read on Linux).
        .executableTarget(name: "ToolServersTestServer", dependencies: [mcp], path: "Tests/ToolServersTestServer", swiftSettings: swift6),
        .testTarget(
            name: "ToolServersTests",
            dependencies: ["ChatCore", "StreamProtocol", "ToolServers", flyingFox, flyingSocks, mcp],
            swiftSettings: swift6),
        .testTarget(name: "LocalServerTests", dependencies: ["LocalServer", "TestClockSupport", clocks], swiftSettings: swift6),
        // `chatterm-server --mcp-stdio` driven over pipes by the SDK's client.
        .testTarget(name: "LocalToolServerTests", dependencies: ["LocalServer", "LocalToolServer", "ProcessSpawn", mcp], swiftSettings: swift6),
        // The executable's own pieces that are not wiring (the run loop's stamps), and the
        // check that this file declares what every target imports.
        .testTarget(
            name: "ChattermTests",
            dependencies: ["ChatCore", "ChatRuntime", "ChattermConfig", "ScriptMode", "SessionStore", "StreamProtocol", "TerminalUI", "chatterm"],
            swiftSettings: swift6),
        // The store and its types too: some tests build a database the app then opens.
        .testTarget(
            name: "EndToEndTests", dependencies: ["ChatClient", "ChatCore", "Deterministic", "LocalServer", "ProcessSpawn", "SessionStore", "StreamProtocol"], swiftSettings: swift6),
    ]
)
