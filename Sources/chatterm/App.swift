import ChatCore
import ChatRuntime
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
    /// When to wake, draw and tick (`FramePacer`), on the runtime's clock.
    private let clock: RuntimeClock

    /// What the run loop does before the first key: read the sessions and presets, and reopen
    /// the session the last run had open.
    private let startEffects: [Effect]
    /// Run once the screen is up (the model picker of a start without a model).
    private let startActions: [Action]
    /// Performed once the first frame is on the screen (starting the MCP servers): nothing
    /// slow may come before the first frame.
    private var afterFirstFrame: [Effect]

    init(
        state: AppState, inbox: Inbox, runner: EffectRunner, clock: RuntimeClock, screen: CursesScreen, terminal: TerminalBridge,
        startEffects: [Effect] = [.loadSessions, .loadPresets], startActions: [Action] = [], afterFirstFrame: [Effect] = []
    ) {
        self.afterFirstFrame = afterFirstFrame
        self.state = state
        self.startEffects = startEffects
        self.startActions = startActions
        self.inbox = inbox
        self.runner = runner
        self.clock = clock
        self.screen = screen
        self.terminal = terminal
    }

    func run() {
        var dirty = true
        var pacer = FramePacer()
        let size = screen.size
        dispatch(.terminalResized(width: size.width, height: size.height), &dirty)
        runner.perform(startEffects)
        for action in startActions { dispatch(action, &dirty) }

        while !state.status.quitRequested {
            // Sleep until input, a posted action, the next frame (if one is owed) or the next tick.
            // A draft write owed is made on a tick, so it goes out after a pause in typing too.
            let wait = pacer.wait(now: clock.now(), streaming: state.isStreaming, fastTicks: fastTicks, dirty: dirty)
            var fds = [
                pollfd(fd: screen.inputFileDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: screen.resizeFileDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            if !wait.holdsInbox { fds.append(pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), wait.pollMilliseconds)

            for event in screen.readAvailable() {
                pacer.inputArrived()
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

            let after = clock.now()
            // Ticks keep live figures moving while streaming, and session ages fresh when idle.
            if pacer.takeTick(now: after, fastTicks: fastTicks) {
                dispatch(.clockTicked(nowMillis: Clock.nowMillis()), &dirty)
            }
            if pacer.frameDue(now: after, streaming: state.isStreaming, dirty: dirty) {
                render()
                pacer.frameDrawn(at: after)
                dirty = false
                if !afterFirstFrame.isEmpty {
                    runner.perform(afterFirstFrame)
                    afterFirstFrame = []
                }
                // The frame reports what it measured (the conversation, the overlay, the compare
                // columns, where things went for clicks); scroll keys need those figures, a
                // position they put out of range is drawn again corrected, and near an edge of a
                // long session's window they ask for the next page.
                let before = state.framePositions
                runner.perform(reduce(&state, .frameReported(renderer.lastReport)))
                if state.framePositions != before { dirty = true }
            }
        }
        runner.flush()
    }

    /// Ticks every 250 ms while a reply streams or a draft write waits for a pause in typing.
    private var fastTicks: Bool { state.isStreaming || state.draftWriteOwed || state.tools.turn?.isRunning == true }

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
