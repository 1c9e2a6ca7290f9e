// swift-tools-version:6.0
// chatterm: a full-screen terminal chat client for Prem AI and OpenAI-compatible servers.
// The target list mirrors the architecture (docs/architecture.md): pure cores at the bottom,
// I/O at the edges, the executable only wires them together.
import PackageDescription

// Swift 5 language mode: the C modules (ncurses, libcurl) expose mutable globals and
// callbacks that Swift 6's strict checking rejects wholesale; the threading rules are kept by
// design instead (one UI thread, one transport thread, values crossing between them).
let swift5: [SwiftSetting] = [.swiftLanguageMode(.v5)]

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
    ],
    targets: [
        // C shims: module maps and static inline wrappers for what Swift cannot call.
        .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),

        // Pure layers.
        .target(name: "StreamProtocol", swiftSettings: swift5),
        .target(name: "ChatCore", dependencies: ["StreamProtocol"], swiftSettings: swift5),
        .target(name: "TerminalUI", dependencies: ["ChatCore"], swiftSettings: swift5),

        // I/O edges.
        .target(
            name: "CursesTerminal",
            dependencies: ["CNcursesw", "TerminalUI", "ChatCore"],
            swiftSettings: swift5
        ),
        .target(name: "ChatClient", dependencies: ["CCurl", "StreamProtocol"], swiftSettings: swift5),
        .target(
            name: "SessionStore",
            dependencies: ["ChatCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swift5
        ),
        .target(
            name: "LocalServer",
            dependencies: ["StreamProtocol", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: swift5
        ),

        // The config and theme files (TOML) parsed into plain settings and themes; reading the
        // files is the executable's job.
        .target(
            name: "ChattermConfig",
            dependencies: ["ChatCore", "StreamProtocol", "TerminalUI", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: swift5
        ),

        // Child processes with a clean signal mask: tmux and servers for the tests and the
        // benchmark, and the user's $EDITOR on the terminal for the app.
        .target(name: "ProcessSpawn", swiftSettings: swift5),
        .target(name: "ExternalEditor", dependencies: ["ProcessSpawn"], swiftSettings: swift5),

        // Executables: wiring only.
        .executableTarget(
            name: "chatterm",
            dependencies: [
                "ChatCore", "StreamProtocol", "TerminalUI", "CursesTerminal", "ChatClient", "SessionStore",
                "ChattermConfig", "ExternalEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swift5
        ),
        .executableTarget(
            name: "chatterm-server",
            dependencies: ["LocalServer", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swift5
        ),
        .executableTarget(
            name: "chatterm-bench",
            dependencies: ["StreamProtocol", "ChatCore", "TerminalUI", "ChatClient", "LocalServer", "ProcessSpawn"],
            swiftSettings: swift5
        ),

        // Tests.
        .testTarget(name: "StreamProtocolTests", dependencies: ["StreamProtocol"], swiftSettings: swift5),
        .testTarget(name: "ChatCoreTests", dependencies: ["ChatCore"], swiftSettings: swift5),
        .testTarget(
            name: "TerminalUITests",
            dependencies: ["TerminalUI", "ChatCore", .product(name: "SnapshotTesting", package: "swift-snapshot-testing")],
            exclude: ["__Snapshots__"],
            swiftSettings: swift5
        ),
        .testTarget(
            name: "ChatClientTests",
            dependencies: ["ChatClient", "LocalServer", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: swift5
        ),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "TerminalUI", "ChatCore"], swiftSettings: swift5),
        .testTarget(
            name: "SessionStoreTests",
            // GRDB directly: the migration tests build a database as an older chatterm left it.
            dependencies: ["SessionStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swift5
        ),
        .testTarget(name: "ExternalEditorTests", dependencies: ["ExternalEditor"], swiftSettings: swift5),
        .testTarget(name: "ChattermConfigTests", dependencies: ["ChattermConfig", "ChatCore", "TerminalUI"], swiftSettings: swift5),
        .testTarget(name: "LocalServerTests", dependencies: ["LocalServer"], swiftSettings: swift5),
        // The executable's own pieces that are not wiring: the stamps of the run loop.
        .testTarget(name: "ChattermTests", dependencies: ["chatterm"], swiftSettings: swift5),
        .testTarget(name: "EndToEndTests", dependencies: ["LocalServer", "ProcessSpawn"], swiftSettings: swift5),
    ]
)
