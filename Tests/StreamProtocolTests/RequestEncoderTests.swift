import Foundation
import StreamProtocol
import XCTest

final class RequestEncoderTests: XCTestCase {
    private func body(_ request: ChatRequest, _ dialect: Dialect) -> String {
        String(decoding: RequestEncoder.body(for: request, dialect: dialect), as: UTF8.self)
    }

    private let everyField = ChatRequest(
        projectID: 42, model: "gpt-4o-mini",
        messages: [
            ChatMessage(role: .user, content: "Hi \"there\""),
            ChatMessage(role: .assistant, content: "Hello!"),
            ChatMessage(role: .user, content: "Write 日本語 🙂"),
        ],
        systemPrompt: "Be brief.", sessionID: "s-1",
        temperature: 0.7, topP: 0.9, maxTokens: 256, frequencyPenalty: -0.5, presencePenalty: 1.5, seed: 7,
        stop: ["END"], user: "dev",
        logitBias: .object([(key: "50256", value: .number(-100)), (key: "15", value: .number(2.5))]),
        responseFormat: .object([(key: "type", value: .string("json_object"))]),
        tools: .array([.object([
            (key: "type", value: .string("function")),
            (key: "function", value: .object([(key: "name", value: .string("f")), (key: "parameters", value: .object([]))])),
        ])]),
        repositories: RepositoryOptions(ids: [1, 2], limit: 3, similarityThreshold: 0.5)
    )

    func testEveryFieldPrem() {
        XCTAssertEqual(body(everyField, .prem), #"""
        {"project_id":42,"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi \"there\""},{"role":"assistant","content":"Hello!"},{"role":"user","content":"Write 日本語 🙂"}],"system_prompt":"Be brief.","session_id":"s-1","stream":true,"temperature":0.7,"top_p":0.9,"max_tokens":256,"frequency_penalty":-0.5,"presence_penalty":1.5,"seed":7,"stop":"END","user":"dev","logit_bias":{"50256":-100,"15":2.5},"response_format":{"type":"json_object"},"tools":[{"type":"function","function":{"name":"f","parameters":{}}}],"repositories":{"ids":[1,2],"limit":3,"similarity_threshold":0.5}}
        """#)
    }

    func testEveryFieldOpenAI() {
        XCTAssertEqual(body(everyField, .openai), #"""
        {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi \"there\""},{"role":"assistant","content":"Hello!"},{"role":"user","content":"Write 日本語 🙂"}],"stream":true,"temperature":0.7,"top_p":0.9,"max_tokens":256,"frequency_penalty":-0.5,"presence_penalty":1.5,"seed":7,"stop":"END","user":"dev","logit_bias":{"50256":-100,"15":2.5},"response_format":{"type":"json_object"},"tools":[{"type":"function","function":{"name":"f","parameters":{}}}]}
        """#)
    }

    /// Every field again, with the variants a user can type: several stop sequences (an array),
    /// a negative seed, a json_schema response format, two tools, RAG ids only partly set.
    private let everyFieldVariants = ChatRequest(
        projectID: 9, model: "m", messages: [ChatMessage(role: .user, content: "q")],
        systemPrompt: "Line 1\nLine 2", sessionID: "sid",
        temperature: 0, topP: 1, maxTokens: 131_072, frequencyPenalty: 2, presencePenalty: -2, seed: -9_007_199_254_740_993,
        stop: ["END", "\n\n", "Q:"], user: "u",
        logitBias: JSONValue.parse(#"{"1":100,"2":-100,"3":0.25}"#),
        responseFormat: JSONValue.parse(#"{"type":"json_schema","json_schema":{"name":"a","schema":{"type":"object"}}}"#),
        tools: JSONValue.parse(#"[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"b","parameters":{"type":"object","properties":{}}}}]"#),
        repositories: RepositoryOptions(ids: [5], similarityThreshold: 0.85)
    )

    func testEveryFieldVariantsPrem() {
        XCTAssertEqual(body(everyFieldVariants, .prem), #"""
        {"project_id":9,"model":"m","messages":[{"role":"user","content":"q"}],"system_prompt":"Line 1\nLine 2","session_id":"sid","stream":true,"temperature":0,"top_p":1,"max_tokens":131072,"frequency_penalty":2,"presence_penalty":-2,"seed":-9007199254740993,"stop":["END","\n\n","Q:"],"user":"u","logit_bias":{"1":100,"2":-100,"3":0.25},"response_format":{"type":"json_schema","json_schema":{"name":"a","schema":{"type":"object"}}},"tools":[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"b","parameters":{"type":"object","properties":{}}}}],"repositories":{"ids":[5],"similarity_threshold":0.85}}
        """#)
    }

    func testEveryFieldVariantsOpenAI() {
        XCTAssertEqual(body(everyFieldVariants, .openai), #"""
        {"model":"m","messages":[{"role":"system","content":"Line 1\nLine 2"},{"role":"user","content":"q"}],"stream":true,"temperature":0,"top_p":1,"max_tokens":131072,"frequency_penalty":2,"presence_penalty":-2,"seed":-9007199254740993,"stop":["END","\n\n","Q:"],"user":"u","logit_bias":{"1":100,"2":-100,"3":0.25},"response_format":{"type":"json_schema","json_schema":{"name":"a","schema":{"type":"object"}}},"tools":[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"b","parameters":{"type":"object","properties":{}}}}]}
        """#)
        XCTAssertEqual(RequestEncoder.unsupportedFields(in: everyFieldVariants, dialect: .openai), ["project_id", "session_id", "repositories"])
    }

    /// The body's messages array is exactly its elements, each as `encodedMessage` writes it,
    /// joined with commas: the session store relies on this to rebuild stored bodies.
    func testEncodedMessagesAreTheBytesOfTheMessagesArray() {
        for dialect in [Dialect.prem, .openai] {
            let wire = dialect == .openai
                ? [ChatMessage(role: .system, content: "Be brief.")] + everyField.messages : everyField.messages
            let joined = wire.map(RequestEncoder.encodedMessage).joined(separator: Array(",".utf8))
            let expected = Array(#""messages":["#.utf8) + joined + Array("]".utf8)
            let bytes = RequestEncoder.body(for: everyField, dialect: dialect)
            XCTAssertTrue(bytes.firstRange(of: expected) != nil, "\(dialect)")
        }
        XCTAssertEqual(
            String(decoding: RequestEncoder.encodedMessage(ChatMessage(role: .assistant, content: "a\"b\n\u{1}✓")), as: UTF8.self),
            #"{"role":"assistant","content":"a\"b\n\u0001✓"}"#)
    }

    func testStopTwoIsAnArray() {
        XCTAssertEqual(body(ChatRequest(projectID: 1, stop: ["a", "b"]), .prem),
                       #"{"project_id":1,"messages":[],"stream":true,"stop":["a","b"]}"#)
        XCTAssertEqual(body(ChatRequest(model: "m", stop: ["only"]), .openai),
                       #"{"model":"m","messages":[],"stream":true,"stop":"only"}"#)
    }

    func testOnlyRequiredFields() {
        let hi = [ChatMessage(role: .user, content: "Hi")]
        XCTAssertEqual(body(ChatRequest(projectID: 1, messages: hi), .prem),
                       #"{"project_id":1,"messages":[{"role":"user","content":"Hi"}],"stream":true}"#)
        XCTAssertEqual(body(ChatRequest(model: "llama3", messages: hi), .openai),
                       #"{"model":"llama3","messages":[{"role":"user","content":"Hi"}],"stream":true}"#)
        XCTAssertEqual(body(ChatRequest(), .openai), #"{"messages":[],"stream":true}"#)
    }

    func testStopOneSeveralNone() {
        XCTAssertEqual(body(ChatRequest(projectID: 1, stop: ["\n\n"]), .prem),
                       #"{"project_id":1,"messages":[],"stream":true,"stop":"\n\n"}"#)
        XCTAssertEqual(body(ChatRequest(model: "m", stop: ["a", "b", "c"]), .openai),
                       #"{"model":"m","messages":[],"stream":true,"stop":["a","b","c"]}"#)
        XCTAssertEqual(body(ChatRequest(projectID: 1, stop: []), .prem), #"{"project_id":1,"messages":[],"stream":true}"#)
    }

    func testRepositoriesOnlySetMembers() {
        XCTAssertEqual(body(ChatRequest(projectID: 1, repositories: RepositoryOptions(limit: 5)), .prem),
                       #"{"project_id":1,"messages":[],"stream":true,"repositories":{"limit":5}}"#)
        XCTAssertEqual(body(ChatRequest(projectID: 1, repositories: RepositoryOptions()), .prem),
                       #"{"project_id":1,"messages":[],"stream":true}"#)
    }

    func testNumbersShortestRoundTripAndFiniteOnly() {
        let request = ChatRequest(model: "m", temperature: 0.1 + 0.2, topP: 1e-7, frequencyPenalty: .nan, presencePenalty: .infinity)
        XCTAssertEqual(body(request, .openai), #"{"model":"m","messages":[],"stream":true,"temperature":0.30000000000000004,"top_p":1e-07}"#)
        XCTAssertEqual(body(ChatRequest(model: "m", temperature: 1), .openai), #"{"model":"m","messages":[],"stream":true,"temperature":1}"#)
        let roundTrip = JSONValue.parse(body(ChatRequest(model: "m", temperature: 0.7), .openai))
        XCTAssertEqual(roundTrip?["temperature"], .number(0.7))
    }

    func testStringEscaping() throws {
        var tricky = "quote \" backslash \\ slash / del \u{7F} line\u{2028}sep é 🙂 "
        tricky += String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        let text = body(ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: tricky)]), .openai)
        XCTAssertTrue(text.contains(#"quote \" backslash \\ slash / del \u007f line\#u{2028}sep é 🙂 \u0000\u0001"#), "DEL is escaped like the C0 controls: \(text)")
        XCTAssertTrue(text.contains(#"\u0008\t\n\u000b\u000c\r\u000e"#), text)
        XCTAssertTrue(text.hasSuffix(#"\u001e\u001f"}],"stream":true}"#), text)
        // An independent parser reads back exactly what was encoded.
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let messages = parsed?["messages"] as? [[String: Any]]
        XCTAssertEqual(messages?.first?["content"] as? String, tricky)
    }

    func testPremFoldsStraySystemMessagesIntoSystemPrompt() {
        let request = ChatRequest(projectID: 1, messages: [
            ChatMessage(role: .system, content: "Extra rule."), ChatMessage(role: .user, content: "Hi"),
        ], systemPrompt: "Base.")
        XCTAssertEqual(body(request, .prem),
                       #"{"project_id":1,"messages":[{"role":"user","content":"Hi"}],"system_prompt":"Base.\n\nExtra rule.","stream":true}"#)
    }

    func testEmptySystemPromptIsNotSent() {
        XCTAssertEqual(body(ChatRequest(projectID: 1, systemPrompt: ""), .prem), #"{"project_id":1,"messages":[],"stream":true}"#)
        XCTAssertEqual(body(ChatRequest(model: "m", systemPrompt: ""), .openai), #"{"model":"m","messages":[],"stream":true}"#)
    }

    func testUnsupportedFields() {
        XCTAssertEqual(RequestEncoder.unsupportedFields(in: everyField, dialect: .prem), [])
        XCTAssertEqual(RequestEncoder.unsupportedFields(in: everyField, dialect: .openai), ["project_id", "session_id", "repositories"])
        XCTAssertEqual(RequestEncoder.unsupportedFields(in: ChatRequest(model: "m", repositories: RepositoryOptions()), dialect: .openai), [])
    }

    func testMissingRequiredFields() {
        XCTAssertEqual(RequestEncoder.missingRequiredFields(in: ChatRequest(model: "m"), dialect: .prem), ["project_id"])
        XCTAssertEqual(RequestEncoder.missingRequiredFields(in: ChatRequest(projectID: 1), dialect: .openai), ["model"])
        XCTAssertEqual(RequestEncoder.missingRequiredFields(in: everyField, dialect: .prem), [])
        XCTAssertEqual(RequestEncoder.missingRequiredFields(in: everyField, dialect: .openai), [])
    }

    func testBodiesAreValidJSONForAnIndependentParser() throws {
        for dialect in Dialect.allCases {
            let bytes = RequestEncoder.body(for: everyField, dialect: dialect)
            let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
            XCTAssertEqual(object?["stream"] as? Bool, true)
        }
    }
}
