import Foundation
import XCTest
@testable import ExternalEditor

/// Runs real "editors" (small shell commands) through /bin/sh, as the app does, without a
/// terminal: the hand-over closure just runs the editor.
final class ExternalEditorTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "chatterm-editor-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func edit(_ text: String, editor: String, suffix: String = ".txt") -> EditOutcome {
        ExternalEditor.edit(text, fileSuffix: suffix, environment: ["EDITOR": editor, "TMPDIR": directory]) { try $0() }
    }

    /// Files left in the temporary directory (besides what a test put there itself).
    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("chatterm-edit-") }
    }

    func testEditedTextComesBackAndTheFileIsDeleted() throws {
        let outcome = edit("Be terse.\nVery.", editor: "sed -i 's/terse/brief/'")
        XCTAssertEqual(outcome, EditOutcome(text: "Be brief.\nVery.", problem: nil))
        XCTAssertEqual(try leftovers(), [])
    }

    func testSavingUnchangedGivesTheSameTextWithOrWithoutATrailingNewline() {
        for text in ["", "one line", "ends with newline\n", "two\n\n", "日本語 ✓\ttab"] {
            XCTAssertEqual(edit(text, editor: "true"), EditOutcome(text: text, problem: nil), text.debugDescription)
        }
        // An editor that drops the final newline, and one that writes CRLF, both give the text back.
        XCTAssertEqual(edit("abc", editor: "truncate -s -1").text, "abc")
        XCTAssertEqual(edit("abc", editor: "sed -i 's/$/\\r/'").text, "abc")
    }

    func testTheFileIsPrivateAndNamedForItsContent() throws {
        let record = directory + "/seen"
        let outcome = edit("{}", editor: "stat -c '%a %n' \"$1\" > '\(record)'; :", suffix: ".json")
        XCTAssertNil(outcome.problem)
        let seen = try String(contentsOfFile: record, encoding: .utf8)
        XCTAssertTrue(seen.hasPrefix("600 \(directory)/chatterm-edit-"), seen)
        XCTAssertTrue(seen.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(".json"), seen)
        XCTAssertEqual(try leftovers(), [])
    }

    func testEditorCommandWithArgumentsAndAPathWithSpacesAndQuotes() throws {
        let weird = directory + "/dir with 'quotes' and $HOME"
        try FileManager.default.createDirectory(atPath: weird, withIntermediateDirectories: true)
        let outcome = ExternalEditor.edit("x", fileSuffix: ".txt", environment: ["VISUAL": "sed -i -e 's/x/y/'", "TMPDIR": weird]) {
            try $0()
        }
        XCTAssertEqual(outcome, EditOutcome(text: "y", problem: nil))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: weird), [])
    }

    func testFailuresKeepNothingAndSayWhy() throws {
        let nonZero = edit("old", editor: "sh -c 'echo new > \"$0\"; exit 3'")
        XCTAssertNil(nonZero.text)
        XCTAssertEqual(nonZero.problem, #"The editor "sh -c 'echo new > "$0"; exit 3'" exited with status 3; nothing changed."#)

        let control = edit("old", editor: "exit 4 #\u{1B}[2J")
        XCTAssertEqual(control.problem, #"The editor "exit 4 #?[2J" exited with status 4; nothing changed."#)

        let missing = edit("old", editor: "no-such-editor-for-chatterm")
        XCTAssertNil(missing.text)
        XCTAssertEqual(missing.problem, #"The editor "no-such-editor-for-chatterm" was not found (set VISUAL or EDITOR); nothing changed."#)

        let killed = edit("old", editor: "kill -TERM $$; :")
        XCTAssertNil(killed.text)
        XCTAssertTrue(killed.problem?.contains("stopped by signal 15") ?? false, killed.problem ?? "")

        let notUTF8 = edit("old", editor: "printf '\\377\\376' >")
        XCTAssertEqual(notUTF8, EditOutcome(text: nil, problem: "The edited text is not valid UTF-8; nothing changed."))

        let handOverFails = ExternalEditor.edit("old", fileSuffix: ".txt", environment: ["TMPDIR": directory]) { _ in
            throw NSError(domain: "test", code: 1)
        }
        XCTAssertNil(handOverFails.text)
        XCTAssertTrue(handOverFails.problem?.hasPrefix(#"Could not start the editor "vi""#) ?? false, handOverFails.problem ?? "")
        XCTAssertEqual(try leftovers(), [], "the temporary file is deleted on every path")

        let noDirectory = ExternalEditor.edit("old", fileSuffix: ".txt", environment: ["TMPDIR": directory + "/missing"]) { try $0() }
        XCTAssertNil(noDirectory.text)
        XCTAssertTrue(noDirectory.problem?.hasPrefix("Could not create a temporary file for the editor in \(directory)/missing") ?? false,
                      noDirectory.problem ?? "")
    }

    func testEditorChoiceAndArgv() {
        XCTAssertEqual(EditorCommand.resolve(environment: ["VISUAL": "nvim", "EDITOR": "nano"]), "nvim")
        XCTAssertEqual(EditorCommand.resolve(environment: ["VISUAL": "  ", "EDITOR": "nano"]), "nano")
        XCTAssertEqual(EditorCommand.resolve(environment: ["EDITOR": ""]), "vi")
        XCTAssertEqual(EditorCommand.resolve(environment: [:]), "vi")
        XCTAssertEqual(
            EditorCommand.argv(command: "code --wait", path: "/tmp/a b.txt"),
            ["/bin/sh", "-c", #"code --wait "$1""#, "chatterm-editor", "/tmp/a b.txt"])
        XCTAssertEqual(ExternalEditor.temporaryDirectory(environment: ["TMPDIR": "/var/tmp/"]), "/var/tmp")
        XCTAssertEqual(ExternalEditor.temporaryDirectory(environment: ["TMPDIR": "relative"]), "/tmp")
    }
}
