import ChatCore
import CursesTerminal
import StreamProtocol
import TerminalUI

/// Benchmark 3: the cost of one frame (`ScreenRenderer.render`) at 120x40 while a reply streams,
/// against the length of the history above it. The goal is a flat line: a frame draws ~40 rows
/// whatever came before. Parts that can grow with history are timed on their own:
/// building `AppState.visibleMessages` (a new array of the whole history) and
/// `ConversationLayout.update`, with and without its `unchangedPrefix:` promise, so a frame
/// cost that grows can be traced to its cause.
enum FrameBench {
    static func run(quick: Bool) throws -> Table {
        let sizes = quick ? [10, 1_000, 10_000] : [10, 1_000, 10_000, 100_000]
        let frames = quick ? 60 : 200
        var table = Table(
            "Frame cost at 120x40 while a reply streams (median of \(frames) frames, a delta appended before each)",
            headers: ["history messages", "first frame ms", "frame µs", "200x60 render+diff µs", "visibleMessages µs",
                      "update (full scan) µs", "update (unchangedPrefix) µs"])
        for size in sizes {
            let history = BenchState.history(count: size)
            let (start, id) = try BenchState.streaming(history: history)
            var state = start
            let renderer = ScreenRenderer()
            // The same stream at 200x60, timed as the run loop pays for it: the render and the
            // diff that picks the cells to write (the blit itself needs a terminal).
            let (wideStart, wideID) = try BenchState.streaming(history: history, width: 200, height: 60)
            var wide = wideStart
            let wideRenderer = ScreenRenderer()
            var widePrevious: CellGrid? = wideRenderer.render(wide)
            // A second layout cache, fed the same messages, isolates the update step.
            let probe = ConversationLayout()
            let width = 80  // any fixed width: what is timed is the key check, not wrapping
            var sink = 0
            let firstFrame = Clock.measure { sink &+= renderer.render(state).width }
            probe.update(messages: state.visibleMessages)
            sink &+= probe.totalRows(width: width)

            var frameTimes: [Double] = []
            var wideTimes: [Double] = []
            var visibleTimes: [Double] = []
            var fullScanTimes: [Double] = []
            var prefixTimes: [Double] = []
            for frame in 0..<frames {
                let word = BenchState.words[frame % BenchState.words.count]
                _ = reduce(&state, .streamReceived(id, [.content(word)], nowMillis: 2 + Int64(frame)))
                frameTimes.append(Clock.measure { sink &+= renderer.render(state).height })
                _ = reduce(&wide, .streamReceived(wideID, [.content(word)], nowMillis: 2 + Int64(frame)))
                wideTimes.append(Clock.measure {
                    let grid = wideRenderer.render(wide)
                    sink &+= GridDiff.cellsToWrite(from: widePrevious, to: grid, visibleWidth: 200, visibleHeight: 60).count
                    widePrevious = grid
                })
                var visible: [Message] = []
                visibleTimes.append(Clock.measure { visible = state.visibleMessages })
                // Alternate the two kinds of update on the probe so each sees one changed tail.
                if frame % 2 == 0 {
                    fullScanTimes.append(Clock.measure {
                        probe.update(messages: visible)
                        sink &+= probe.totalRows(width: width)
                    })
                } else {
                    prefixTimes.append(Clock.measure {
                        probe.update(messages: visible, unchangedPrefix: visible.count - 1)
                        sink &+= probe.totalRows(width: width)
                    })
                }
            }
            blackHole(sink)
            guard state.streaming.active?.deltaCount == frames else {
                throw BenchState.Failure(description: "the reply did not stream during the frame benchmark")
            }
            table.add([
                grouped(size), fixed(firstFrame * 1e3, 1), fixed(median(frameTimes) * 1e6, 0), fixed(median(wideTimes) * 1e6, 0),
                fixed(median(visibleTimes) * 1e6, 0), fixed(median(fullScanTimes) * 1e6, 0),
                fixed(median(prefixTimes) * 1e6, 0),
            ])
        }
        table.notes.append("history messages = the session's length; as in the app, the state holds its newest page (ConversationWindow.pageSize) and counts the rest.")
        table.notes.append("first frame = the cold frame that wraps the held messages once (a session being opened).")
        table.notes.append("frame = ScreenRenderer.render(state), exactly as chatterm calls it per frame.")
        table.notes.append("200x60 render+diff = the same at 200x60 plus GridDiff.cellsToWrite against the previous frame (what the blit then writes).")
        table.notes.append("The last three columns time parts on their own, outside render: building AppState.visibleMessages anew, "
            + "and ConversationLayout.update on a second cache with a full key scan or with unchangedPrefix = count - 1.")
        return table
    }
}
