import StreamProtocol
import XCTest

final class APIErrorDecoderTests: XCTestCase {
    private func decode(_ status: Int, _ body: String, _ dialect: Dialect = .prem) -> APIError {
        APIErrorDecoder.decode(status: status, body: Array(body.utf8), dialect: dialect)
    }

    func testPremValidationErrorWithJSONDetails() {
        let body = #"{"message": "Invalid temperature", "code": "ValidationError", "details": {"temperature": ["must be <= 2"]}}"#
        XCTAssertEqual(decode(400, body), APIError(
            status: 400, code: "ValidationError", message: "Invalid temperature", details: #"{"temperature":["must be <= 2"]}"#
        ))
    }

    func testPremStringDetails() {
        XCTAssertEqual(decode(400, #"{"message":"Bad","code":"ValidationError","details":"max_tokens must be positive"}"#),
                       APIError(status: 400, code: "ValidationError", message: "Bad", details: "max_tokens must be positive"))
    }

    func testOlderPremProviderFields() {
        let body = #"{"message":"Provider error","code":"ProviderAPIStatusError","provider":"openai","model":"gpt-4","provider_message":"quota exceeded"}"#
        XCTAssertEqual(decode(500, body), APIError(
            status: 500, code: "ProviderAPIStatusError", message: "Provider error", details: "openai: quota exceeded"
        ))
        XCTAssertEqual(decode(500, #"{"message":"m","provider_message":{"error":"x"}}"#).details, #"{"error":"x"}"#)
    }

    func testDRFDetail() {
        XCTAssertEqual(decode(401, #"{"detail":"Authentication credentials were not provided."}"#),
                       APIError(status: 401, message: "Authentication credentials were not provided."))
        XCTAssertEqual(decode(400, #"{"detail":[{"loc":["body","messages"],"msg":"field required"}]}"#).message,
                       "messages: field required")
        // A list that is not FastAPI's shape is still shown, compactly.
        XCTAssertEqual(decode(400, #"{"detail":[{"loc":["body"],"problem":"x"}]}"#).message,
                       #"[{"loc":["body"],"problem":"x"}]"#)
    }

    func testFastAPIValidationListNamesEachField() {
        let body = #"{"detail":[{"loc":["body","messages",0,"role"],"msg":"value is not a valid enumeration member","type":"type_error.enum"},{"loc":["body","temperature"],"msg":"ensure this value is less than or equal to 2"},{"loc":[],"msg":"bad"}]}"#
        XCTAssertEqual(decode(422, body, .openai), APIError(
            status: 422,
            message: "messages.0.role: value is not a valid enumeration member; temperature: ensure this value is less than or equal to 2; bad"))
    }

    func testWrappedErrorInDetail() {
        XCTAssertEqual(decode(403, #"{"detail":{"message":"Project 7 is not yours","code":"PermissionDeniedError"}}"#),
                       APIError(status: 403, code: "PermissionDeniedError", message: "Project 7 is not yours"))
        XCTAssertEqual(decode(500, #"{"detail":{"error":{"message":"nested","code":"server_error"}}}"#, .openai),
                       APIError(status: 500, code: "server_error", message: "nested"))
    }

    /// Every status of the protocol reference in all three body shapes a client meets.
    func testEveryStatusWithJSONDetailAndHTMLBodies() {
        let statuses: [(Int, String)] = [
            (400, "ValidationError"), (401, "AuthenticationError"), (403, "PermissionDeniedError"),
            (404, "ModelNotFoundError"), (409, "ConflictError"), (422, "UnprocessableEntityError"),
            (429, "RateLimitError"), (500, "CatchAllError"), (502, "ProviderAPIStatusError"),
            (503, "ProviderAPIConnectionError"), (504, "ProviderAPITimeoutError"),
        ]
        for (status, code) in statuses {
            XCTAssertEqual(decode(status, #"{"message":"Text \#(status)","code":"\#(code)"}"#),
                           APIError(status: status, code: code, message: "Text \(status)"))
            XCTAssertEqual(decode(status, #"{"error":{"message":"Text \#(status)","type":"t","code":"c\#(status)"}}"#, .openai),
                           APIError(status: status, code: "c\(status)", message: "Text \(status)", details: "t"))
            XCTAssertEqual(decode(status, #"{"detail":"Detail \#(status)"}"#), APIError(status: status, message: "Detail \(status)"))
            let html = "<html><head><title>\(status) \(code)</title></head><body>\n<h1>Oops</h1>\n<p>Request   ID:\tabc</p></body></html>"
            XCTAssertEqual(decode(status, html), APIError(status: status, message: "\(status) \(code)", details: "Oops Request ID: abc"))
        }
    }

    func testOpenAIShapeWithStringNumberAndNullCode() {
        XCTAssertEqual(decode(401, #"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key","param":null}}"#, .openai),
                       APIError(status: 401, code: "invalid_api_key", message: "Incorrect API key provided", details: "invalid_request_error"))
        XCTAssertEqual(decode(500, #"{"error":{"message":"boom","type":"server_error","code":500}}"#, .openai),
                       APIError(status: 500, code: "500", message: "boom", details: "server_error"))
        XCTAssertEqual(decode(429, #"{"error":{"message":"slow down","type":"requests","code":null}}"#, .openai),
                       APIError(status: 429, code: nil, message: "slow down", details: "requests"))
        XCTAssertEqual(decode(400, #"{"error":{"type":"invalid_request_error"}}"#, .openai).message,
                       #"{"type":"invalid_request_error"}"#)
    }

    func testErrorStringBodies() {
        // Ollama and friends: a sentence in `error` is the message, not a code.
        XCTAssertEqual(decode(404, #"{"error":"model \"llama9\" not found, try pulling it first"}"#, .openai),
                       APIError(status: 404, message: #"model "llama9" not found, try pulling it first"#))
        XCTAssertEqual(decode(429, #"{"error":"RateLimitError","message":"Too many"}"#),
                       APIError(status: 429, code: "RateLimitError", message: "Too many"))
        XCTAssertEqual(decode(403, #"{"code":"PermissionDeniedError"}"#),
                       APIError(status: 403, code: "PermissionDeniedError", message: "PermissionDeniedError"))
        XCTAssertEqual(decode(400, #""just a string""#), APIError(status: 400, message: "just a string"))
    }

    func testUnknownJSONObjectIsShownCompactly() {
        XCTAssertEqual(decode(400, #"{ "messages" : ["This field is required."] }"#).message, #"{"messages":["This field is required."]}"#)
    }

    func testHTMLBodyIsStrippedAndCollapsed() {
        let nginx = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        // The title; the heading repeating it and the signature under the rule are dropped.
        XCTAssertEqual(decode(502, nginx), APIError(status: 502, message: "502 Bad Gateway"))
        let styled = "<!DOCTYPE html><html><head><style>body { color: red; }</style><script>var x = 1 < 2;</script></head><body><p>Tom &amp; Jerry&#39;s &lt;server&gt; is&nbsp;down</p></body></html>"
        XCTAssertEqual(decode(503, styled).message, "Tom & Jerry's <server> is down")
    }

    /// Stock pages of common servers: the title is the message; a heading that repeats it, a
    /// signature after the last rule and Apache's `<address>` are dropped; the rest is details.
    func testStockErrorPages() {
        let apache = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n"
            + "<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n<hr>\n"
            + "<address>Apache/2.4.57 (Debian) Server at api.example.com Port 443</address>\n</body></html>\n"
        XCTAssertEqual(decode(404, apache), APIError(status: 404, message: "404 Not Found", details: "The requested URL was not found on this server."))
        let iis = "<html><head><title>502 - Web server received an invalid response</title></head><body><h2>502 - Web server received an invalid response</h2>"
            + "<h3>There is a problem with the page.</h3><hr><p>Microsoft-IIS/10.0</p></body></html>"
        XCTAssertEqual(decode(502, iis), APIError(status: 502, message: "502 - Web server received an invalid response",
                                                  details: "There is a problem with the page."))
        // Without a title: the text, signature dropped.
        XCTAssertEqual(decode(502, "<html><body><h1>502 Bad Gateway</h1><hr>openresty</body></html>").message, "502 Bad Gateway")
        // A heading that says more than the title stays, and so does text after a rule that is no signature.
        XCTAssertEqual(decode(500, "<title>Error</title><h1>Error: upstream timed out</h1><hr><p>Try again in 5 minutes.</p>"),
                       APIError(status: 500, message: "Error", details: "Error: upstream timed out Try again in 5 minutes."))
        // Comments may hold ">" and tags; entities in the title are decoded.
        XCTAssertEqual(decode(503, "<title>Down &amp; out</title><!-- a > b <p>hidden</p> -->Back at 5."),
                       APIError(status: 503, message: "Down & out", details: "Back at 5."))
        // A title alone.
        XCTAssertEqual(decode(500, "<html><head><title> 500\n Oops </title></head></html>"), APIError(status: 500, message: "500 Oops"))
    }

    /// What counts as a server's signature after the last rule: one product token, alone or
    /// with a version (and words after it); anything else is content and stays.
    func testServerSignatures() {
        for signature in ["nginx", "cloudflare", "nginx/1.25.3", "openresty/1.21.4.1", "Microsoft-IIS/10.0",
                          "Apache/2.4.57 (Debian) Server at api.example.com Port 443"] {
            XCTAssertEqual(decode(502, "<h1>502 Bad Gateway</h1><hr><center>\(signature)</center>").message, "502 Bad Gateway", signature)
        }
        for text in ["Try again later.", "Back soon", "a/b", "Request ID: abc", "1.2/3 done"] {
            XCTAssertEqual(decode(502, "<h1>502 Bad Gateway</h1><hr><p>\(text)</p>").message, "502 Bad Gateway \(text)", text)
        }
    }

    /// A 2xx body that is not an event stream (the client reads completions before this).
    func testUnexpectedBodies() {
        func decode(_ body: String, _ type: String?) -> APIError {
            APIErrorDecoder.decodeUnexpectedBody(Array(body.utf8), contentType: type)
        }
        func notAStream(_ named: String, _ details: String?) -> APIError {
            APIError(code: "UnexpectedContentType", message: "The server answered with \(named), not an event stream.", details: details)
        }
        // JSON errors are the server's error, without a status.
        XCTAssertEqual(decode(#"{"error":{"message":"stream not supported","type":"invalid_request_error","code":null}}"#, "application/json"),
                       APIError(message: "stream not supported", details: "invalid_request_error"))
        XCTAssertEqual(decode(#"{"message":"Nope","code":"ValidationError"}"#, "application/json"),
                       APIError(code: "ValidationError", message: "Nope"))
        XCTAssertEqual(decode(#""just a string""#, "application/json"), APIError(message: "just a string"))
        // Anything else names the type and shows the body.
        XCTAssertEqual(decode("{\n  \"models\": []\n}", "Application/JSON; charset=utf-8"), notAStream("application/json", #"{"models":[]}"#))
        XCTAssertEqual(decode("<title>Login</title><p>Please sign in.</p>", "text/html"), notAStream("text/html", "Login\nPlease sign in."))
        XCTAssertEqual(decode("", "text/plain"), notAStream("text/plain", nil))
        XCTAssertEqual(decode("hello", nil), notAStream("a body without a Content-Type", "hello"))
        XCTAssertEqual(decode("hello", " ; charset=utf-8"), notAStream("a body without a Content-Type", "hello"))
        let longType = String(repeating: "x", count: 100)
        XCTAssertEqual(decode("hello", longType).message.count, "The server answered with , not an event stream.".count + 60)
    }

    func testScriptSkippingIsCaseInsensitiveAndUnicodeSafe() {
        let page = "<SCRIPT>İİİ ẞ x</Script >Visible İ text<style>p{}</STYLE>"
        XCTAssertEqual(decode(500, page).message, "Visible İ text")
        XCTAssertEqual(decode(500, "<script>never closed").message, "HTTP 500 Internal Server Error")
    }

    func testPlainTextKeepsLessThanSigns() {
        XCTAssertEqual(decode(500, "upstream says a < b\n\n and  more").message, "upstream says a < b and more")
    }

    func testLongBodyIsShortened() {
        let message = decode(500, String(repeating: "word ", count: 400)).message
        XCTAssertLessThanOrEqual(message.count, APIErrorDecoder.maximumRawMessageLength)
        XCTAssertTrue(message.hasSuffix("…"))
        XCTAssertTrue(message.hasPrefix("word word"))
    }

    func testEmptyBodiesFallBackToTheStatus() {
        XCTAssertEqual(decode(502, ""), APIError(status: 502, message: "HTTP 502 Bad Gateway"))
        XCTAssertEqual(decode(504, " \r\n\t"), APIError(status: 504, message: "HTTP 504 Gateway Timeout"))
        XCTAssertEqual(decode(500, "<html><body></body></html>").message, "HTTP 500 Internal Server Error")
        XCTAssertEqual(decode(599, "{}").message, "HTTP 599")
        XCTAssertEqual(decode(401, #"{"message":"","detail":null}"#).message, "HTTP 401 Unauthorized")
    }

    func testInvalidUTF8BodyDoesNotCrash() {
        let error = APIErrorDecoder.decode(status: 500, body: [0x66, 0xFF, 0xFE, 0x6F], dialect: .openai)
        XCTAssertEqual(error.message, "f\u{FFFD}\u{FFFD}o")
    }

    func testMessageIsNeverEmpty() {
        var generator = SeededGenerator(seed: 7)
        let samples = ["", "{", "[]", "null", "{\"error\":{}}", "{\"error\":\"\"}", "<>", "<a>", "&amp;", "\u{0}", "{\"detail\":\"\"}"]
        for sample in samples {
            for dialect in Dialect.allCases {
                XCTAssertFalse(decode(Int.random(in: 400...599, using: &generator), sample, dialect).message.isEmpty, sample)
            }
        }
    }
}
