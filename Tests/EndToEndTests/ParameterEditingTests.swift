import Foundation
import XCTest

/// Issue 3 through the real binary: every kind of field typed or picked from the keyboard,
/// and what the local server received.
final class ParameterEditingTests: EndToEndCase {
    func testTypedValuesReachTheBodyAndAnInvalidValueIsRefused() async throws {
        let tmux = TmuxDriver(name: "typed")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 140, height: 40)
        try tmux.waitFor(text: "Parameters")
        try tmux.press("M-3")
        // The cursor starts on temperature; seed is five fields below it, stop one more.
        for _ in 0..<5 { try tmux.press("Down") }
        try tmux.press("Enter")
        try tmux.type("42")
        try tmux.press("Enter")
        try tmux.press("Down")
        try tmux.press("Enter")
        try tmux.type("END")
        try tmux.press("Enter")
        // Back up to temperature and type a value out of its range: refused, old value kept.
        for _ in 0..<6 { try tmux.press("Down") }
        for _ in 0..<12 { try tmux.press("Up") }
        try tmux.press("Enter")
        try tmux.type("7")
        try tmux.press("Enter")
        try tmux.waitFor(text: "must be")
        try tmux.press("Escape")
        try tmux.press("M-4")
        try tmux.sendAndWaitForReply("/tokens 3 typed values")

        let body = try await completionBodies().last
        XCTAssertEqual(body?["seed"] as? Int, 42)
        XCTAssertEqual(body?["stop"] as? String, "END", "one stop sequence is sent as a string")
        XCTAssertNil(body?["temperature"], "the refused value was not stored and an unset field is not sent")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testModelPickerListsTheServersModelsAndThePickReachesTheBody() async throws {
        let tmux = TmuxDriver(name: "picker")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 140, height: 40)
        try tmux.waitFor(text: "Parameters")
        try tmux.press("M-3")
        try tmux.press("m")
        try tmux.waitFor(text: "llama-3.1-8b-instruct")
        try tmux.type("llama")
        try tmux.press("Enter")
        try tmux.press("M-4")
        try tmux.sendAndWaitForReply("/tokens 2 picked")
        let body = try await completionBodies().last
        XCTAssertEqual(body?["model"] as? String, "llama-3.1-8b-instruct")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testPresetSavedInOneRunIsAppliedInTheNext() async throws {
        let first = TmuxDriver(name: "preset1")
        defer { first.kill() }
        try first.start(chattermCommand(), width: 140, height: 40)
        try first.waitFor(text: "Parameters")
        try first.press("M-3")
        // temperature: unset → 1.0 → 1.1.
        try first.press("Right")
        try first.press("Right")
        try first.press("C-p")
        try first.press("s")
        try first.type("warm")
        try first.press("Enter")
        try first.waitFor(text: "Saved preset warm")
        try first.press("Escape")
        try first.press("C-q")
        XCTAssertEqual(try first.waitForExit(), 0)

        let second = TmuxDriver(name: "preset2")
        defer { second.kill() }
        try second.start(chattermCommand(), width: 140, height: 40)
        try second.waitFor(text: "Parameters")
        try second.press("C-p")
        try second.waitFor(text: "warm")
        try second.press("Enter")
        try second.waitFor(text: "Applied preset warm")
        try second.press("M-4")
        try second.sendAndWaitForReply("/tokens 2 with the preset")
        let body = try await completionBodies().last
        XCTAssertEqual(body?["temperature"] as? Double, 1.1)
        try second.press("C-q")
        XCTAssertEqual(try second.waitForExit(), 0)
    }

    func testInspectorShowsTheRequestAsCurlWithTheKeyRedacted() async throws {
        let secret = "sk-e2e-secret-8f3a"
        let tmux = TmuxDriver(name: "inspect")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 160, height: 40, environment: ["PREMAI_API_KEY": secret])
        try tmux.waitFor(text: "Sessions")
        try tmux.sendAndWaitForReply("/tokens 3 inspect me")
        try tmux.press("M-2")
        try tmux.press("i")
        try tmux.waitFor(text: "project_id")
        try tmux.press("3")
        let screen = try tmux.waitFor(text: "curl -N")
        XCTAssertTrue(screen.contains("$PREMAI_API_KEY"), "the key is a variable reference:\n\(screen)")
        XCTAssertFalse(screen.contains(secret), "the key itself never reaches the screen")
        try tmux.press("Escape")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testOpenAIDialectMarksPremOnlyFieldsAsNotSent() async throws {
        let tmux = TmuxDriver(name: "notcarried")
        defer { tmux.kill() }
        let command = [binaryDirectory().appendingPathComponent("chatterm").path,
                       "--dialect", "openai", "--base-url", "http://127.0.0.1:\(port)/openai/v1",
                       "--model", "local-echo", "--db", databasePath, "--no-config"]
        try tmux.start(command, width: 140, height: 40)
        try tmux.waitFor(text: "Parameters")
        try tmux.press("M-3")
        // project_id sits eleven fields below temperature.
        for _ in 0..<11 { try tmux.press("Down") }
        try tmux.press("Enter")
        try tmux.type("7")
        try tmux.press("Enter")
        try tmux.press("M-4")
        try tmux.type("/tokens 2 no project here")
        try tmux.press("Enter")
        try tmux.waitFor(text: "not sent in openai: project_id")
        // The notice holds the status line; the reply's footer says it finished.
        try tmux.waitFor(text: "2 tok ·")
        let body = try await completionBodies().last
        XCTAssertNil(body?["project_id"])
        XCTAssertNotNil(body?["model"])
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
