import MCP
import XCTest
@testable import LocalToolServer

/// What each test tool answers, decided without a process.
final class LocalToolOutcomeTests: XCTestCase {
    func testEchoReturnsTheText() {
        XCTAssertEqual(LocalToolOutcome.plan(tool: .echo, arguments: ["text": .string("hello")]), .answer("hello", isError: false))
    }

    func testAddReturnsTheSumOfIntegersAndFractions() {
        XCTAssertEqual(LocalToolOutcome.plan(tool: .add, arguments: ["a": .int(2), "b": .int(40)]), .answer("42", isError: false))
        XCTAssertEqual(LocalToolOutcome.plan(tool: .add, arguments: ["a": .double(1.5), "b": .int(1)]), .answer("2.5", isError: false))
    }

    func testSlowWaitsFiveSecondsUnlessTold() {
        XCTAssertEqual(LocalToolOutcome.plan(tool: .slow, arguments: nil), .answerAfter(seconds: 5, "slept 5 s"))
        XCTAssertEqual(LocalToolOutcome.plan(tool: .slow, arguments: ["seconds": .double(0.25)]), .answerAfter(seconds: 0.25, "slept 0.25 s"))
    }

    func testCrashAndFail() {
        XCTAssertEqual(LocalToolOutcome.plan(tool: .crash, arguments: [:]), .crash)
        XCTAssertEqual(LocalToolOutcome.plan(tool: .fail, arguments: ["message": .string("disk full")]), .answer("disk full", isError: true))
        XCTAssertEqual(LocalToolOutcome.plan(tool: .fail, arguments: nil), .answer("the tool failed", isError: true))
    }

    func testBigIsExactlyThatManyKilobytesOfNumberedLines() {
        let text = LocalToolOutcome.bigText(kilobytes: 3)
        XCTAssertEqual(text.utf8.count, 3 * 1024)
        XCTAssertTrue(text.hasPrefix("line 1: the quick brown fox"))
        XCTAssertEqual(LocalToolOutcome.plan(tool: .big, arguments: ["kilobytes": .int(3)]), .answer(text, isError: false))
    }

    func testBadArgumentsAreAFailedResultNamingTheField() {
        XCTAssertEqual(
            LocalToolOutcome.plan(tool: .echo, arguments: [:]),
            .answer(#"echo: the argument "text" must be a string"#, isError: true))
        XCTAssertEqual(
            LocalToolOutcome.plan(tool: .add, arguments: ["a": .int(1), "b": .string("2")]),
            .answer(#"add: the argument "b" must be a number"#, isError: true))
        XCTAssertEqual(
            LocalToolOutcome.plan(tool: .slow, arguments: ["seconds": .int(-1)]),
            .answer(#"slow: the argument "seconds" must be a number from 0 to 600"#, isError: true))
        XCTAssertEqual(
            LocalToolOutcome.plan(tool: .big, arguments: ["kilobytes": .int(99_999)]),
            .answer(#"big: the argument "kilobytes" must be a whole number from 0 to 10240"#, isError: true))
    }

    func testToolsOptionListsKnownNamesAndNamesAnUnknownOne() {
        XCTAssertEqual(try LocalToolServer.Options.offeredTools("echo, slow,echo").get(), [.echo, .slow])
        guard case let .failure(problem) = LocalToolServer.Options.offeredTools("echo,nope") else { return XCTFail("nope accepted") }
        XCTAssertEqual(problem.message, #"--tools: no tool named "nope" (the tools are echo, add, slow, crash, fail, big)"#)
    }

    func testEveryToolHasADescriptionAndAnObjectSchema() {
        for tool in LocalToolCatalog.tools() {
            XCTAssertFalse(tool.description?.isEmpty ?? true, tool.name)
            XCTAssertEqual(tool.inputSchema.objectValue?["type"], .string("object"), tool.name)
            XCTAssertNotNil(tool.inputSchema.objectValue?["properties"]?.objectValue, tool.name)
        }
        XCTAssertEqual(LocalToolCatalog.tools(offered: [.add]).map(\.name), ["add"])
    }
}
