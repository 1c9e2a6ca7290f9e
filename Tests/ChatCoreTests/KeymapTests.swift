import XCTest
@testable import ChatCore

final class KeyNameTests: XCTestCase {
    func testParsesEveryWrittenForm() {
        let cases: [(String, Key)] = [
            ("ctrl+s", .control("s")), ("Ctrl+S", .control("s")), ("C+x", .control("x")),
            ("alt+enter", .altEnter), ("alt+backspace", .altBackspace), ("alt+1", .alt("1")), ("M+b", .alt("b")),
            ("shift+tab", .backTab), ("shift+left", .shiftLeft), ("shift+g", .character("G")),
            ("ctrl+left", .ctrlLeft), ("ctrl+right", .ctrlRight),
            ("enter", .enter), ("Return", .enter), ("esc", .escape), ("pgup", .pageUp), ("PageDown", .pageDown),
            ("f1", .function(1)), ("F12", .function(12)), ("space", .character(" ")), ("?", .character("?")),
            ("G", .character("G")), ("+", .character("+")), (" ctrl+k ", .control("k")),
            // What the terminal sends for these is another key's byte.
            ("ctrl+h", .backspace), ("ctrl+i", .tab), ("ctrl+m", .enter), ("ctrl+[", .escape),
        ]
        for (text, key) in cases {
            XCTAssertEqual(try KeyName.parse(text).get(), key, text)
        }
    }

    func testRefusesWhatNoTerminalSends() {
        for text in ["", "ctrl+zz", "ctrl+1", "shift+enter", "hyper+x", "alt+", "f13", "ctrl+", "enterr"] {
            guard case let .failure(problem) = KeyName.parse(text) else {
                XCTFail("\(text.debugDescription) parsed")
                continue
            }
            XCTAssertFalse(problem.message.isEmpty)
        }
    }

    func testConfigNamesParseBackToTheSameKey() {
        for context in KeyContext.allCases {
            for binding in Keymap.defaults.bindings(in: context) {
                for key in binding.keys {
                    XCTAssertEqual(try KeyName.parse(KeyName.configName(key)).get(), key, KeyName.configName(key))
                }
            }
        }
    }

    func testDisplayNames() {
        XCTAssertEqual(KeyName.display(.control("k")), "Ctrl+K")
        XCTAssertEqual(KeyName.display(.altEnter), "Alt+Enter")
        XCTAssertEqual(KeyName.display(.backTab), "Shift+Tab")
        XCTAssertEqual(KeyName.short(.enter), "⏎")
        XCTAssertEqual(KeyName.short(.control("u")), "^U")
    }
}

final class KeymapOverrideTests: XCTestCase {
    func testEveryDefaultKeyIsUniqueWithinItsContext() {
        for context in KeyContext.allCases {
            var seen: [Key: Command] = [:]
            for binding in Keymap.defaults.bindings(in: context) {
                for key in binding.keys {
                    XCTAssertNil(seen[key], "\(KeyName.display(key)) twice in \(context): \(seen[key].map { "\($0)" } ?? "") and \(binding.command)")
                    seen[key] = binding.command
                }
            }
        }
    }

    func testEveryCommandHasADefaultPlace() {
        for command in Command.allCases {
            XCTAssertFalse(Keymap.defaults.contexts(of: command).isEmpty, "\(command.rawValue) is in no context")
        }
    }

    func testTheClassicSwapCarriesIntoTheFieldEditor() {
        let (keymap, problems) = Keymap.defaults.applying([
            KeyOverride(command: "send", keys: ["ctrl+s"], line: 2),
            KeyOverride(command: "newline", keys: ["enter"], line: 3),
        ])
        XCTAssertEqual(problems, [])
        XCTAssertEqual(keymap.command(for: .enter, in: .message), .newline)
        XCTAssertEqual(keymap.command(for: .control("s"), in: .message), .send)
        XCTAssertEqual(keymap.command(for: .enter, in: .fieldEditor), .newline)
        XCTAssertEqual(keymap.command(for: .control("s"), in: .fieldEditor), .accept, "accept follows send")
        XCTAssertEqual(keymap.command(for: .enter, in: .presetName), .accept, "no newline there: Enter stays")
        XCTAssertEqual(keymap.command(for: .enter, in: .conversation), .inspect, "other contexts untouched")
    }

    func testAContextTableBeatsAFlatEntryWhateverTheOrder() {
        let (keymap, problems) = Keymap.defaults.applying([
            KeyOverride(command: "close", context: "inspector", keys: ["x"], line: 5),
            KeyOverride(command: "close", keys: ["ctrl+g"], line: 2),
        ])
        XCTAssertEqual(problems.filter { !$0.isWarning }, [])
        XCTAssertEqual(keymap.keys(for: .close, in: .inspector), [.character("x")])
        XCTAssertEqual(keymap.keys(for: .close, in: .presets), [.control("g")])
    }

    func testUnknownNamesAndBadKeysAreReportedAndDefaultsKept() {
        let (keymap, problems) = Keymap.defaults.applying([
            KeyOverride(command: "sendd", keys: ["ctrl+s"], line: 2),
            KeyOverride(command: "send", keys: ["ctrl+zz"], line: 3),
            KeyOverride(command: "copy", context: "nowhere", keys: ["c"], line: 4),
            KeyOverride(command: "send", context: "inspector", keys: ["c"], line: 5),
        ])
        XCTAssertEqual(problems.map(\.line), [2, 3, 4, 5])
        XCTAssertEqual(problems.map(\.configKey), ["keys.sendd", "keys.send", "keys.nowhere.copy", "keys.inspector.send"])
        XCTAssertTrue(problems[0].message.contains("did you mean send?"), problems[0].message)
        XCTAssertTrue(problems[1].message.contains("ctrl+zz"), problems[1].message)
        XCTAssertTrue(problems[2].message.contains("unknown context"), problems[2].message)
        XCTAssertTrue(problems[3].message.contains("not a command of inspector"), problems[3].message)
        XCTAssertEqual(keymap, Keymap.defaults)
    }

    func testTwoEntriesClaimingOneKeyInOneContextAreBothRefused() {
        let (keymap, problems) = Keymap.defaults.applying([
            KeyOverride(command: "scroll-top", keys: ["t"], line: 2),
            KeyOverride(command: "inspect", keys: ["t"], line: 3),
            KeyOverride(command: "quit", keys: ["ctrl+x"], line: 4),
        ])
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(problems.first?.line, 3)
        XCTAssertTrue(problems.first?.message.contains("scroll-top") ?? false)
        XCTAssertEqual(keymap.keys(for: .scrollTop, in: .conversation), [.home, .character("g")])
        XCTAssertEqual(keymap.keys(for: .inspect, in: .conversation), [.character("i"), .enter])
        XCTAssertEqual(keymap.keys(for: .quit, in: .app), [.control("x")], "the entry without a conflict applies")
    }

    func testWarningsForADefaultLeftKeylessAndForAHiddenKey() {
        let (keymap, problems) = Keymap.defaults.applying([
            KeyOverride(command: "newline", keys: ["enter"], line: 2),
            KeyOverride(command: "new-session", keys: ["ctrl+a"], line: 3),
        ])
        XCTAssertTrue(problems.allSatisfy(\.isWarning))
        XCTAssertTrue(problems.contains { $0.line == 2 && $0.message.contains("send has no key left") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.line == 3 && $0.message.contains("line-start") }, "\(problems)")
        XCTAssertEqual(keymap.keys(for: .send, in: .message), [])
        XCTAssertEqual(keymap.keys(for: .newSession, in: .global), [.control("a")], "warnings keep the entry")
    }

    func testAnEmptyListUnbinds() {
        let (keymap, problems) = Keymap.defaults.applying([KeyOverride(command: "retry", keys: [], line: 2)])
        XCTAssertEqual(problems, [])
        XCTAssertNil(keymap.command(for: .control("r"), in: .global))
        XCTAssertEqual(keymap.hint(.retry, in: [.global]), nil, "no key, no hint")
    }

    func testHintsShowTheBoundKey() {
        let (keymap, _) = Keymap.defaults.applying([KeyOverride(command: "send", keys: ["ctrl+s"])])
        XCTAssertEqual(Keymap.defaults.hint(.send, in: [.message]), "⏎ send")
        XCTAssertEqual(keymap.hint(.send, in: [.message]), "^S send")
        XCTAssertEqual(keymap.hint(.stepDown, .stepUp, in: [.parameters]), "←→ step")
        XCTAssertEqual(keymap.displayKey(for: .send, in: [.message]), "Ctrl+S")
    }
}

/// Help, docs/keys.md and the keymap say the same thing.
final class KeymapDocumentTests: XCTestCase {
    func testDocsKeysHoldsTheGeneratedTablesExactly() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/keys.md"), encoding: .utf8)
        let begin = "<!-- generated: chatterm keys --no-config --markdown (a test compares) -->\n"
        let end = "\n<!-- end generated -->"
        guard let start = doc.range(of: begin), let stop = doc.range(of: end, range: start.upperBound..<doc.endIndex) else {
            return XCTFail("docs/keys.md has lost its generated section markers")
        }
        let written = String(doc[start.upperBound..<stop.lowerBound])
        let expected = KeymapDocument.markdown(.defaults).trimmingCharacters(in: .newlines)
        XCTAssertEqual(written, expected, "regenerate with: chatterm keys --no-config --markdown")
    }

    func testEveryCommandIsDocumentedInEveryContextItIsIn() {
        let markdown = KeymapDocument.markdown(.defaults)
        for command in Command.allCases {
            XCTAssertTrue(markdown.contains("| `\(command.rawValue)` |"), command.rawValue)
        }
        XCTAssertEqual(KeymapDocument.order.count, KeyContext.allCases.count, "help and docs list every context")
    }

    func testHelpRowsListEveryBindingWithItsKeysAndLeadWithWhereTheUserIs() {
        let (keymap, _) = Keymap.defaults.applying([KeyOverride(command: "copy", keys: ["c"])])
        let rows = KeymapDocument.helpRows(keymap, first: [.parameters])
        XCTAssertEqual(rows.first, .init(keys: "", text: "Parameters", isHeading: true))
        let bindingCount = KeyContext.allCases.reduce(0) { $0 + keymap.bindings(in: $1).count }
        XCTAssertEqual(rows.filter { !$0.isHeading }.count, bindingCount)
        XCTAssertTrue(rows.contains(.init(keys: "c", text: Command.copy.summary, isHeading: false)))
        XCTAssertFalse(rows.contains(.init(keys: "y", text: Command.copy.summary, isHeading: false)))
    }
}
