import XCTest
@testable import LocalServer

final class TestCommandsTests: XCTestCase {
    func testCommandsCombineAndLeaveThePrompt() {
        let commands = TestCommands.parse("/delay 100 /tokens 3 tell me more")
        XCTAssertEqual(commands.delayMilliseconds, 100)
        XCTAssertEqual(commands.tokenCount, 3)
        XCTAssertEqual(commands.prompt, "tell me more")
    }

    func testParsingStopsAtTheFirstNonCommand() {
        let commands = TestCommands.parse("hello /drop")
        XCTAssertEqual(commands.ending, .normal)
        XCTAssertEqual(commands.prompt, "hello /drop")
        XCTAssertNil(TestCommands.parse("/tokens many").tokenCount, "a command without its number is text")
    }

    func testEndingsAndFlags() {
        XCTAssertEqual(TestCommands.parse("/stream-error").ending, .streamError)
        XCTAssertEqual(TestCommands.parse("/drop x").ending, .drop)
        XCTAssertEqual(TestCommands.parse("/stall").ending, .stall)
        XCTAssertTrue(TestCommands.parse("/echo").echo)
        XCTAssertTrue(TestCommands.parse("/escape").escape)
        XCTAssertEqual(TestCommands.parse("/error 503").errorStatus, 503)
    }
}

final class ReplyWriterTests: XCTestCase {
    func testTokensRejoinToTheOriginalText() {
        let text = "Hello world\n\n- item one\n  indented 你好 🌏 "
        let tokens = ReplyWriter.tokens(of: text)
        XCTAssertEqual(tokens.joined(), text)
        XCTAssertEqual(tokens.first, "Hello")
        XCTAssertEqual(tokens[1], " world")
        XCTAssertEqual(tokens[2], "\n\n-")
    }

    func testExactTokensGivesTheCountAskedFor() {
        for count in [0, 1, 7, 300] {
            XCTAssertEqual(ReplyWriter.exactTokens(count, prompt: "p", seed: 0).count, count)
        }
    }
}

final class JSONTests: XCTestCase {
    func testParserKeepsOrderAndTypes() throws {
        let value = try JSONValue.parseLocatingError(utf8: Array(#"{"b":1,"a":[true,null,"x\u00e9\ud83d\ude00"],"c":-2.5e1}"#.utf8)).get()
        XCTAssertEqual(JSONValue.compactText(of: value), #"{"b":1,"a":[true,null,"xé😀"],"c":-25}"#)
        XCTAssertNil(value["a"]?.integerValue)
        XCTAssertEqual(value["b"]?.integerValue, 1)
    }

    func testParserRejectsInvalidJSON() {
        for text in ["{", "[1,]", "01", "{\"a\" 1}", "\"unterminated", "tru", "1 2"] {
            XCTAssertThrowsError(try JSONValue.parseLocatingError(utf8: Array(text.utf8)).get(), text)
        }
    }

    func testControlCharactersAreEscaped() {
        XCTAssertEqual(JSONValue.compactText(of: .string("a\u{1B}[2J\n\"")), #""a\u001b[2J\n\"""#)
    }

    func testDeleteAndC1ControlsAreEscapedToo() {
        XCTAssertEqual(JSONValue.compactText(of: .string("\u{7F}\u{9B}2J é")), "\"\\u007f\\u009b2J é\"")
    }

    func testInvalidJSONNamesTheByte() {
        guard case let .failure(error) = JSONValue.parseLocatingError(utf8: Array("{\"a\": tru}".utf8)) else {
            return XCTFail("parsed")
        }
        XCTAssertEqual(error.offset, 6)
    }

    func testReindentKeepsTextExactly() {
        let text = #"{"a":[1,{"b":"x, y: {z}"}],"e":{},"n":12345678901234567890}"#
        let pretty = JSONText.reindented(text)
        XCTAssertEqual(pretty, "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x, y: {z}\"\n    }\n  ],\n  \"e\": {},\n  \"n\": 12345678901234567890\n}")
    }
}
