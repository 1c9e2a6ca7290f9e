import StreamProtocol
import XCTest

final class JSONValueTests: XCTestCase {
    func testParsesAllKindsAndKeepsKeyOrder() {
        let value = JSONValue.parse(#" {"z":1,"a":[true,false,null,-0.5e2,"s"],"m":{}} "#)
        XCTAssertEqual(value, .object([
            (key: "z", value: .number(1)),
            (key: "a", value: .array([.bool(true), .bool(false), .null, .number(-50), .string("s")])),
            (key: "m", value: .object([])),
        ]))
        XCTAssertEqual(value?.compactText, #"{"z":1,"a":[true,false,null,-50,"s"],"m":{}}"#)
    }

    func testStringEscapesAndSurrogates() {
        XCTAssertEqual(JSONValue.parse(#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#), .string("a\"\\/\u{8}\u{C}\n\r\té😀"))
        // A lone surrogate cannot be represented: it becomes U+FFFD instead of failing.
        XCTAssertEqual(JSONValue.parse(#""x\ud800y""#), .string("x\u{FFFD}y"))
        XCTAssertEqual(JSONValue.parse(#""\udc00""#), .string("\u{FFFD}"))
    }

    func testRejectsInvalidDocuments() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"unterminated", "\"raw\ncontrol\"",
                     "{} x", "[1 2]", "1e999", "\"\\x\"", "\"\\u12\"", "{1:2}"] {
            XCTAssertNil(JSONValue.parse(text), text)
        }
    }

    func testDeepNestingIsRejectedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertNil(JSONValue.parse(deep))
        let allowed = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertNotNil(JSONValue.parse(allowed))
    }

    func testLenientAccessors() {
        let value = JSONValue.parse(#"{"n":"12","d":"0.5","i":3.0,"f":3.5,"b":true,"s":"x"}"#)
        XCTAssertEqual(value?["n"]?.intValue, 12)
        XCTAssertEqual(value?["d"]?.doubleValue, 0.5)
        XCTAssertEqual(value?["i"]?.intValue, 3)
        XCTAssertNil(value?["f"]?.intValue)
        XCTAssertEqual(value?["f"]?.scalarText, "3.5")
        XCTAssertEqual(value?["b"]?.scalarText, "true")
        XCTAssertNil(value?["s"]?.intValue)
        XCTAssertNil(value?["missing"])
        XCTAssertNil(value?[0])
        XCTAssertNil(JSONValue.array([])[0])
    }

    func testWriterRoundTripsThroughParser() {
        let value = JSONValue.object([
            (key: "text", value: .string("line\nbreak \"q\" \u{1} 日本")),
            (key: "numbers", value: .array([.number(0.1), .number(-3), .number(1e21), .number(.nan)])),
        ])
        XCTAssertEqual(value.compactText, #"{"text":"line\nbreak \"q\" \u0001 日本","numbers":[0.1,-3,1e+21,null]}"#)
        XCTAssertEqual(JSONValue.parse(value.compactText)?["text"], .string("line\nbreak \"q\" \u{1} 日本"))
    }
}
