import ChatCore
import CursesTerminal
import Foundation
import TerminalUI

/// The run loop: poll stdin and the inbox's wake-up pipe, drain all input and all posted
/// actions, reduce them, and render at most once per frame, only when something changed.
/// Every ncurses call happens here, on the main thread.
final class App {
    private var state: AppState
    private let inbox: Inbox
    private let runner: EffectRunner
    private let screen: CursesScreen
    private let terminal: TerminalBridge
    private let renderer = ScreenRenderer()

    private static let frameMillis: Int64 = 16
    /// While a reply streams and nothing else changed, 20 frames a second: appended text reads
    /// the same, and each frame costs rendering, diffing and terminal output (a third of the
    /// process's CPU went away from 30 to 20, `docs/performance.md`). A key, a paste or a
    /// resize is drawn at the normal pace, so typing during a stream does not lag.
    private static let streamingFrameMillis: Int64 = 50
    private static let tickMillis: Int64 = 250
    private static let idleTickMillis: Int64 = 30_000

    /// What the run loop does before the first key: read the sessions and presets, and reopen
    /// the session the last run had open.
    private let startEffects: [Effect]
    /// Run once the screen is up (the model picker of a start without a model).
    private let startActions: [Action]

    init(
        state: AppState, inbox: Inbox, runner: EffectRunner, screen: CursesScreen, terminal: TerminalBridge,
        startEffects: [Effect] = [.loadSessions, .loadPresets], startActions: [Action] = []
    ) {
        self.state = state
        self.startEffects = startEffects
        self.startActions = startActions
        self.inbox = inbox
        self.runner = runner
        self.screen = screen
        self.terminal = terminal
    }

    func run() {
        var dirty = true
        /// Input arrived since the last frame: draw it at the normal pace.
        var inputPending = false
        /// The last frame was drawn for input: the next input waits for the normal pace.
        var lastFrameForInput = false
        var lastRender: Int64 = 0
        var lastTick: Int64 = 0
        let size = screen.size
        dispatch(.terminalResized(width: size.width, height: size.height), &dirty)
        runner.perform(startEffects)
        for action in startActions { dispatch(action, &dirty) }

        while !state.status.quitRequested {
            let now = Clock.monotonicMillis()
            // Sleep until input, a posted action, the next frame (if one is owed) or the next tick.
            // A draft write owed is made on a tick, so it goes out after a pause in typing too.
            var timeout: Int64 = state.isStreaming || state.draftWriteOwed ? Self.tickMillis : 1000
            let frameMillis = Self.frameDue(streaming: state.isStreaming, inputPending: inputPending, lastFrameForInput: lastFrameForInput)
            let untilFrame = max(0, frameMillis - (now - lastRender))
            if dirty { timeout = untilFrame }
            // While a reply streams, its events wait for the next frame: they could not be shown
            // sooner, and waking for each (a server writes a couple of hundred a second) costs
            // more than drawing them. Keys and resizes still wake the loop at once.
            let holdInbox = state.isStreaming && untilFrame > 0
            if holdInbox { timeout = min(timeout, untilFrame) }
            var fds = [
                pollfd(fd: screen.inputFileDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: screen.resizeFileDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            if !holdInbox { fds.append(pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), Int32(timeout))

            for event in screen.readAvailable() {
                inputPending = true
                switch event {
                case let .key(key):
                    dispatch(.keyPressed(key, LiveStamp.make()), &dirty)
                case let .paste(text):
                    dispatch(.textPasted(text), &dirty)
                case let .resize(width, height):
                    dispatch(.terminalResized(width: width, height: height), &dirty)
                case let .mouse(event):
                    dispatch(.mouse(event, LiveStamp.make()), &dirty)
                }
            }
            for action in inbox.drain() { dispatch(action, &dirty) }

            let after = Clock.monotonicMillis()
            // Ticks keep live figures moving while streaming, and session ages fresh when idle.
            if after - lastTick >= (state.isStreaming || state.draftWriteOwed ? Self.tickMillis : Self.idleTickMillis) {
                lastTick = after
                dispatch(.clockTicked(nowMillis: Clock.nowMillis()), &dirty)
            }
            let dueMillis = Self.frameDue(streaming: state.isStreaming, inputPending: inputPending, lastFrameForInput: lastFrameForInput)
            if dirty && after - lastRender >= dueMillis {
                render()
                lastRender = after
                dirty = false
                lastFrameForInput = inputPending
                inputPending = false
                // The frame measured the conversation and the overlay; scroll keys need those
                // figures, and a position they put out of range is drawn again corrected.
                let metrics = renderer.lastConversationMetrics
                if metrics != state.conversation.metrics {
                    let before = state.conversation.scroll
                    // Near an edge of a long session's window, this asks for the next page.
                    runner.perform(reduce(&state, .conversationMeasured(metrics)))
                    if state.conversation.scroll != before { dirty = true }
                }
                let columns = renderer.lastCompareMetrics
                if let compare = state.compare.run, columns != compare.columns.map(\.metrics) {
                    let before = compare.columns.map(\.topRow)
                    _ = reduce(&state, .compareMeasured(columns))
                    // A column scrolled back to its end follows again: draw it so.
                    if state.compare.run?.columns.map(\.topRow) != before { dirty = true }
                }
                // Where things were drawn, for the next click (only while the mouse is on).
                if state.screen.mouseEnabled, renderer.lastScreenMap != state.screen.map {
                    _ = reduce(&state, .screenMapped(renderer.lastScreenMap))
                }
                let overlayMetrics = renderer.lastOverlayMetrics
                if overlayMetrics != state.overlayMetrics {
                    let before = (state.overlay, state.helpTopRow)
                    _ = reduce(&state, .overlayMeasured(overlayMetrics))
                    if state.overlay != before.0 || state.helpTopRow != before.1 { dirty = true }
                }
            }
        }
        runner.flushStore()
    }

    /// Milliseconds a frame waits after the last one. Input is drawn at once when the last
    /// frame was the stream's or the clock's (a key 10 ms after a stream frame waited up to
    /// 16 ms for the frame clock: most of a key's latency while a reply streams,
    /// docs/performance.md "Key to screen"); input after input keeps the normal 60 a second,
    /// so a held key or a wheel cannot draw more often than that.
    static func frameDue(streaming: Bool, inputPending: Bool, lastFrameForInput: Bool) -> Int64 {
        if inputPending { return lastFrameForInput ? frameMillis : 0 }
        return streaming ? streamingFrameMillis : frameMillis
    }

    private func dispatch(_ action: Action, _ dirty: inout Bool) {
        let effects = reduce(&state, action)
        dirty = true
        runner.perform(effects)
        // A change the state file keeps (the open session, a theme, the zoom) is written now.
        runner.perform(rememberChoicesIfChanged(&state))
    }

    private func render() {
        let grid = renderer.render(state)
        screen.blit(grid)
        // Clipboard writes go out after the frame that says "copied", never inside one.
        terminal.frameDrawn()
    }
}
