import SyntaxHighlighting
import XCTest

/// One golden per language: a snippet with the constructs that carry state across lines.
final class LexerGoldenTests: XCTestCase {
    func testSwift() {
        let code = #"""
            @MainActor func greet(_ name: String) -> Int {
                /* outer /* nested */ still comment
                   */ let x = 0x1F + 2.5e-3
                let s = """
                  multi "line"
                  """ // done
                return x..<10
            }
            """#
        XCTAssertEqual(marked(code, label: "swift"), #"""
            [m:@MainActor] [k:func] greet(_ name: [t:String]) -> [t:Int] {
                [c:/* outer /* nested */ still comment]
            [c:       */] [k:let] x = [n:0x1F] + [n:2.5e-3]
                [k:let] s = [s:"""]
            [s:      multi "line"]
            [s:      """] [c:// done]
                [k:return] x..<[n:10]
            }
            """#)
    }
    func testPython() {
        let code = sample("python")
        XCTAssertEqual(marked(code, label: "py"), #"""
            [m:@dataclass]
            [k:def] load(path: [t:str]) -> [t:dict]:  [c:# read it]
                doc = [s:"""first]
            [s:    second"""] + [s:'x\'y']
                [k:return] {[s:"n"]: [n:42], [s:"ok"]: [k:True], [s:"v"]: [k:None]}
            """#)
    }

    func testJavaScript() {
        let code = sample("javascript")
        XCTAssertEqual(marked(code, label: "js"), #"""
            [k:const] url = [s:`https://${host}]
            [s:  /path`]; [c:// template]
            [k:function] f(a) { [k:return] a * [n:2.5] / [n:1e3] } [c:/* c */]
            """#)
    }

    func testTypeScript() {
        let code = sample("typescript")
        XCTAssertEqual(marked(code, label: "ts"), #"""
            [k:interface] [t:User] { name: [t:string]; age?: [t:number] }
            [k:export] [k:type] [t:Id] = [t:string] | [t:Map]<[t:string], [t:User]>;
            """#)
    }

    func testGo() {
        let code = sample("go")
        XCTAssertEqual(marked(code, label: "golang"), #"""
            [k:package] main
            [k:func] main() {
            	s := [s:`raw]
            [s:line`] [c:// go raw]
            	[k:var] n [t:int64] = [n:0xff]
            }
            """#)
    }

    func testRust() {
        let code = sample("rust")
        XCTAssertEqual(marked(code, label: "rs"), #"""
            [k:fn] longest<[m:'a]>(x: &[m:'a] [t:str]) -> &[m:'a] [t:str] { [k:let] c = [s:'x']; x }
            [c:/* a /* b */ c */] [k:let] r = [s:r#"raw "quoted"]
            [s:end"#];
            [m:#[derive(Debug)]] [k:struct] [t:P]([t:u8]);
            """#)
    }

    func testC() {
        let code = sample("c")
        XCTAssertEqual(marked(code, label: "c"), #"""
            [m:#include <stdio.h> ][c:// io]
            [t:int] main([t:void]) { [c:/* start]
            [c: end */] printf([s:"%d\n"], [n:10]); [k:return] [n:0]; }
            """#)
    }

    func testCPlusPlus() {
        let code = sample("cpp")
        XCTAssertEqual(marked(code, label: "c++"), #"""
            [k:template] <[k:typename] T> [k:class] Box { [k:public]: T value; };
            [k:auto] p = [t:std]::make_unique<Box<[t:int]>>(); [c:// ptr]
            """#)
    }

    func testShell() {
        let code = sample("shell")
        XCTAssertEqual(marked(code, label: "bash"), #"""
            [c:#!/bin/sh]
            [k:for] f [k:in] *.txt; [k:do] echo [s:"$f ${HOME}"] [c:# loop]
            [k:done]
            cat [m:<<-'EOF'] > out
            [s:	literal $x]
            [m:	EOF]
            echo a#b [m:$?] [k:done]
            """#)
    }

    func testJSON() {
        let code = sample("json")
        XCTAssertEqual(marked(code, label: "json"), #"""
            {[t:"name"]: [s:"chatterm"], [t:"stars"]: [n:5], [t:"ok"]: [k:true], [t:"tags"]: [[s:"a\"b"], [k:null]]}
            """#)
    }

    func testYAML() {
        let code = sample("yaml")
        XCTAssertEqual(marked(code, label: "yml"), #"""
            [m:---]
            [t:name]: chatterm [c:# app]
            [t:version]: [n:1.2]
            [t:enabled]: [k:true]
            [t:script]: [m:|]
              [s:echo "hi"]
              [s:exit 0]
            [t:list]:
              [m:-] [s:"quoted"]
              [m:-] [m:&anchor] plain
            """#)
    }

    func testSQL() {
        let code = sample("sql")
        XCTAssertEqual(marked(code, label: "sql"), #"""
            [k:SELECT] id, [k:COUNT](*) [k:FROM] messages [c:-- rows]
            [k:WHERE] body [k:LIKE] [s:'it'][s:'s'] [k:AND] n > [n:3] [c:/* a]
            [c:b */] [k:ORDER] [k:BY] id [k:DESC];
            """#)
    }

    func testDiff() {
        let code = sample("diff")
        XCTAssertEqual(marked(code, label: "patch"), #"""
            [m:diff --git a/x b/x]
            [m:--- a/x]
            [m:+++ b/x]
            [m:@@ -1,2 +1,2 @@]
            [-:-old]
            [+:+new]
             same
            """#)
    }

    /// The shared sample of `language` (Samples.swift), so each snippet is written once.
    private func sample(_ language: String) -> String {
        samples.first { $0.0 == language }?.1 ?? ""
    }

    func testUnknownLabelsHaveNoHighlighter() {
        XCTAssertNil(Highlighter(label: "brainfuck"))
        XCTAssertNil(Highlighter(label: ""))
        XCTAssertEqual(Highlighter(label: "PY")?.language, "python")
    }

    /// A line already lexed never changes when later lines arrive: the carried state is all
    /// that passes between lines, so a streaming block colours each line once.
    func testEachLineDependsOnlyOnTheLinesBefore() {
        for (label, code) in samples {
            guard let highlighter = Highlighter(label: label) else { return XCTFail(label) }
            let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let whole = highlighter.tokens(inLines: lines)
            for count in 1...lines.count {
                XCTAssertEqual(Array(highlighter.tokens(inLines: Array(lines.prefix(count)))), Array(whole.prefix(count)), label)
            }
        }
    }

    /// Tokens stay inside their line, in order, never overlapping, on any bytes at all.
    func testTokensAreOrderedAndInBoundsOnArbitraryInput() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab1 .\"'`#/*<-$@{}[]|>:\\\t_é中r\n")
        for label in ["swift", "py", "js", "ts", "go", "rs", "c", "cpp", "sh", "json", "yaml", "sql", "diff"] {
            guard let highlighter = Highlighter(label: label) else { return XCTFail(label) }
            for _ in 0..<200 {
                let text = String((0..<Int.random(in: 0...60, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
                var state = LexerState.normal
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    let tokens = highlighter.tokens(in: String(line), state: &state)
                    var end = 0
                    for token in tokens {
                        XCTAssertGreaterThanOrEqual(token.start, end, "\(label): \(line)")
                        XCTAssertLessThan(token.start, token.end, "\(label): \(line)")
                        XCTAssertLessThanOrEqual(token.end, line.utf8.count, "\(label): \(line)")
                        end = token.end
                    }
                }
            }
        }
    }
}
