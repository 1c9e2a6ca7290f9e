import Foundation
import StreamProtocol

/// A reply stream in each dialect, gzip-compressed, for the Content-Encoding fault test.
///
/// Decided: a committed fixture rather than compressing at test time. The test target has no
/// zlib module of its own (only libcurl links it), and real deflate output (Huffman-coded, not
/// stored blocks) is what a server sends. Generated once with Python's gzip module
/// (level 9, mtime 0) from the same framing as `FaultWire`:
///
///     deltas = ["Compressed", " streams", " arrive", " whole:", " gzip", " über", " alles", " 圧縮", " 🙂"] * 4 + [" done."]
///     prem:   "event: completion\ndata: " + json.dumps(chunk, ensure_ascii=False, separators=(",", ":")) + "\n\n" per chunk,
///             a role chunk first, then the done block with FaultWire.traceID and "document_chunks: []"
///     openai: "data: " + json.dumps(chunk, ...) + "\n\n" per chunk, then "data: [DONE]\n\n"
///     base64.b64encode(gzip.compress(text.encode(), compresslevel=9, mtime=0))
///
/// prem: 7,202 bytes → 371 compressed; openai: 6,819 → 316.
enum FaultGzipFixture {
    static let deltas: [String] = Array(
        repeating: ["Compressed", " streams", " arrive", " whole:", " gzip", " über", " alles", " 圧縮", " 🙂"], count: 4
    ).flatMap { $0 } + [" done."]

    static let text = String(repeating: "Compressed streams arrive whole: gzip über alles 圧縮 🙂", count: 4) + " done."

    static func gzip(_ dialect: Dialect) -> [UInt8]? {
        Data(base64Encoded: dialect == .prem ? premBase64 : openAIBase64).map { Array($0) }
    }

    private static let premBase64 = "H4sIAAAAAAACA+2VsU7DMBCG9zxF5Lmp0jZtU6/ACg9QVZVrX4nBsavYKRJVFt4CCYmRjZmBjWdBrDwCV6jUFYkFS+fN57tfnyVbH2zBBp5KV28MBO1sokQQPN0xrRhnshJB4lG2HrAeq50Cg9W1aE3IfnY95lZXIMOhuX9M6suqtdfYIBsQATBuMB1MymIyy0ssVk5L8IzPdwxzgmB8xxpnAIOE99oHYcN+2NmAiFhlXY+ttdW+WmKgd5Zx2xrTLbokgX91jSPzCcY04D2ORUif+oBTtY+SXTSN3kKU6DcV/gMeJfrlrd5ECf72uoImzoduDMT5Rd8fnj5enqNE/3y8vyMhkZBISCQkEhIJiYREQiIhkZBISCQkEhIJiYREQiIhkZBISCSkv4IrZ6H/C/J934F5fnpxfrZIQiMkLLXi6UjOcjmSMstVUWTFapxnJa6sVGo4no4m+XgoEuVkW2PU8hvXY8wiSb4AcZWDHyIcAAA="

    private static let openAIBase64 = "H4sIAAAAAAACA+3VvUoEMRAH8H6f4ph6b7kFOc+0eu35AMchuWTWzZlNjiSr4rGNbyEIlnbWFnY+i9j6CM6hYGklGJgyH5P5FxN+WiYpRjswGgSoVibVbe24qaEEv96gSt/blfJ0gMl4V6m2dxd0QQWUCamwPqyns4Pp0WRWQuc1WipqZG/T+GtFV1tvFEYQS2rlNF6DmJRAZ0mC2EHwFqlGxmhiki7tK7xL6PbtYSihMc7E9owaRu9AuN7aYTUUhf4X8X+yHlObgDHSsxmlHsVEr3Yxq8wyBHOJWUW+amnORVaRz2/MNqvAry9rDHkNsrWY19d7u398f37KKvLHw90tQ8KQMCQMCUPCkDAkDAlDwpAwJAwJQ8KQMCQMCUPCkDAkfx9Ye4fV74mXJ6eL+aooPgGpElJSoxoAAA=="
}
