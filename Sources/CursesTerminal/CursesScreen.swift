@preconcurrency import CNcursesw
import ChatCore
import Glibc
import TerminalUI

/// The only object that talks to ncurses: owns the screen between `start()` and `stop()`,
/// copies finished grids to it, and reads keys. Not thread-safe by design: create, use and
/// stop it on the app's main thread only.
public final class CursesScreen {
    public enum StartError: Error, Equatable, CustomStringConvertible {
        case notATerminal
        case cannotInitialise(term: String?)

        public var description: String {
            switch self {
            case .notATerminal: return "stdin and stdout must be a terminal"
            case .cannotInitialise(let term): return "cannot initialise the terminal (TERM=\(term ?? "unset"))"
            }
        }
    }

    /// The theme asked for; what is shown also depends on `colorMode`.
    public private(set) var theme: Theme
    public private(set) var colorMode: ColorMode = .monochrome
    public private(set) var isActive = false
    public private(set) var isSuspended = false
    /// Whether LC_CTYPE ended up UTF-8; without it, wide characters cannot be shown.
    public private(set) var localeIsUTF8 = false
    /// Cells written by the last `blit` (for benchmarks and tests).
    public private(set) var lastBlitCellsWritten = 0

    /// Poll this for keyboard input.
    public let inputFileDescriptor: Int32 = STDIN_FILENO
    /// Becomes readable on SIGWINCH, so a `poll()` loop wakes up to call `readAvailable()`.
    /// -1 while the screen is not active.
    public private(set) var resizeFileDescriptor: Int32 = -1

    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var resizePipeWriteEnd: Int32 = -1
    private var decoder = KeyDecoder()
    private var previousGrid: CellGrid?
    private var needsFullRepaint = true
    private var cursorVisible: Bool?
    /// The color pairs in use and the style each role is shown with (for diagnostics).
    public private(set) var colorPairPlan = ColorPairPlan(theme: .mono, mode: .monochrome)
    /// Attributes per role, indexed by `StyleRole.rawValue`, computed once per theme.
    private var attributesByRole: [attr_t] = []
    private var pairByRole: [Int32] = []

    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"
    static let escapeDelayMilliseconds: Int32 = 25
    /// Bounds one drain so a runaway input source cannot starve rendering.
    static let maximumInputsPerDrain = 1 << 20
    /// How much of a paste one `read` takes.
    static let pasteChunkBytes = 1 << 16

    public init(theme: Theme = .default) {
        self.theme = theme
    }

    deinit {
        stop()
    }

    /// The terminal size in cells (0 × 0 while not active).
    public var size: (width: Int, height: Int) {
        guard let window else { return (0, 0) }
        return (Int(cn_getmaxx(window)), Int(cn_getmaxy(window)))
    }

    // MARK: - Lifecycle

    public func start() throws {
        guard !isActive else { return }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.notATerminal }
        localeIsUTF8 = CursesSetup.configureLocale()
        // Saves the shell's terminal modes before curses changes them, for the signal handlers.
        _ = cn_terminal_guard_install(STDIN_FILENO)
        let term = getenv("TERM").map { String(cString: $0) }
        let direct = Self.directColorTerminal(term: term, colorTerm: getenv("COLORTERM").map { String(cString: $0) })
        guard let screen = direct.flatMap({ name in name.withCString { cn_newterm_named($0) } }) ?? cn_newterm_stdio() else {
            throw StartError.cannotInitialise(term: term)
        }
        self.screen = screen
        let window = cn_stdscr()
        self.window = window
        cn_terminal_guard_set_active(1)
        isActive = true
        isSuspended = false

        raw()
        noecho()
        nonl()  // Enter sends CR (13), Ctrl+J stays LF (10)
        keypad(window, true)
        meta(window, true)  // all 8 bits of each byte: input is read as UTF-8 bytes
        nodelay(window, true)  // the app polls stdin itself; reads must never block
        _ = set_escdelay(Self.escapeDelayMilliseconds)

        colorMode = CursesSetup.startColors()
        applyTheme(theme)
        decoder = KeyDecoder(extraKeyCodes: CursesSetup.registerExtraKeys())
        openResizeNotifier()
        writeToTerminal(Self.bracketedPasteOn)
        previousGrid = nil
        needsFullRepaint = true
        cursorVisible = nil
    }

    /// Gives the terminal back. Safe to call more than once, and after `suspend()`.
    public func stop() {
        guard isActive else { return }
        if !isSuspended {
            writeToTerminal(Self.bracketedPasteOff)
            endwin()
        }
        cn_terminal_guard_set_active(0)
        closeResizeNotifier()
        if let screen { delscreen(screen) }
        screen = nil
        window = nil
        isActive = false
        isSuspended = false
        previousGrid = nil
    }

    /// Hands the terminal to a child process (e.g. $EDITOR) until `resume()`.
    public func suspend() {
        guard isActive, !isSuspended else { return }
        writeToTerminal(Self.bracketedPasteOff)
        endwin()
        cn_terminal_guard_set_active(0)
        isSuspended = true
    }

    /// Takes the terminal back after `suspend()`; the next blit repaints everything.
    public func resume() {
        guard isActive, isSuspended, let window else { return }
        cn_terminal_guard_set_active(1)
        isSuspended = false
        writeToTerminal(Self.bracketedPasteOn)
        wrefresh(window)  // the first refresh after endwin restores curses's terminal modes
        needsFullRepaint = true
        cursorVisible = nil
    }

    /// Switches themes; colors are re-allocated and the next blit repaints everything.
    public func setTheme(_ theme: Theme) {
        self.theme = theme
        guard isActive else { return }
        applyTheme(theme)
        needsFullRepaint = true
    }

    // MARK: - Output

    /// Copies `grid` to the screen, writing only cells that changed since the last blit, then
    /// places or hides the cursor and updates the terminal once.
    private var glyphPlans: [UInt64: GlyphPlan] = [:]
    private static let maximumCachedPlans = 4096

    public func blit(_ grid: CellGrid) {
        guard isActive, !isSuspended, let window else { return }
        let (visibleWidth, visibleHeight) = size
        if needsFullRepaint || previousGrid.map({ $0.width != grid.width || $0.height != grid.height }) ?? true {
            // After a resize the terminal may hold garbage curses does not know about: clear the
            // physical screen and redraw every cell.
            clearok(window, true)
            werase(window)
            previousGrid = nil
            needsFullRepaint = false
        }
        let indices = GridDiff.cellsToWrite(
            from: previousGrid, to: grid, visibleWidth: visibleWidth, visibleHeight: visibleHeight)
        var wide: [wchar_t] = Array(repeating: 0, count: GlyphPlan.maximumScalars + 1)
        let cells = grid.cells
        for index in indices {
            let cell = cells[index]
            let x = index % grid.width
            let y = index / grid.width
            let role = Int(cell.role.rawValue)
            let attributes = cell.attributes.isEmpty ? attributesByRole[role] : attributesByRole[role] | CursesSetup.extra(cell.attributes)
            let pair = pairByRole[role]
            // Printable ASCII (most cells) is itself: no plan, no wcwidth, no allocation.
            if cell.width == 1, let scalar = cell.code.scalar, scalar.value >= 0x20, scalar.value < 0x7F {
                wide[0] = wchar_t(scalar.value)
                wide[1] = 0
                _ = cn_mvwadd_wstr_cell(window, Int32(y), Int32(x), wide, attributes, pair)
                continue
            }
            let plan = glyphPlan(cell)
            for (offset, scalar) in plan.scalars.enumerated() { wide[offset] = wchar_t(bitPattern: scalar) }
            wide[plan.scalars.count] = 0
            _ = cn_mvwadd_wstr_cell(window, Int32(y), Int32(x), wide, attributes, pair)
            for padding in 0..<plan.paddingCells where x + 1 + padding < visibleWidth {
                drawBlank(window, y: y, x: x + 1 + padding, attributes: attributes, pair: pair)
            }
        }
        placeCursor(grid.cursor, window: window, visibleWidth: visibleWidth, visibleHeight: visibleHeight)
        wrefresh(window)
        previousGrid = grid
        lastBlitCellsWritten = indices.count
    }

    /// Writes a control sequence the grid cannot express (OSC 52 for the clipboard) straight
    /// to the terminal. Call it after a blit: curses has flushed its output by then, and a
    /// sequence that moves nothing leaves curses's picture of the screen true. Dropped while
    /// suspended (the terminal belongs to a child then).
    public func writeControlSequence(_ sequence: String) {
        guard isActive, !isSuspended else { return }
        writeToTerminal(sequence)
    }

    /// What ncurses is given for a cell other than printable ASCII, worked out once per glyph
    /// and width (box drawing, CJK and emoji repeat across frames; wcwidth is not free).
    private func glyphPlan(_ cell: Cell) -> GlyphPlan {
        let key = UInt64(cell.code.rawValue) << 8 | UInt64(cell.width)
        if let plan = glyphPlans[key] { return plan }
        if glyphPlans.count >= Self.maximumCachedPlans { glyphPlans.removeAll(keepingCapacity: true) }
        let plan = GlyphPlan.make(text: cell.text, gridWidth: Int(cell.width)) { Int(cn_wcwidth(wchar_t(bitPattern: $0))) }
        glyphPlans[key] = plan
        return plan
    }

    private func drawBlank(_ window: UnsafeMutablePointer<WINDOW>, y: Int, x: Int, attributes: attr_t, pair: Int32) {
        let blank: [wchar_t] = [0x20, 0]
        _ = cn_mvwadd_wstr_cell(window, Int32(y), Int32(x), blank, attributes, pair)
    }

    private func placeCursor(_ cursor: (x: Int, y: Int)?, window: UnsafeMutablePointer<WINDOW>, visibleWidth: Int, visibleHeight: Int) {
        if let cursor, (0..<visibleWidth).contains(cursor.x), (0..<visibleHeight).contains(cursor.y) {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            setCursorVisible(true)
        } else {
            setCursorVisible(false)
        }
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        _ = curs_set(visible ? 1 : 0)  // ERR on terminals that cannot hide it: nothing to do
        cursorVisible = visible
    }

    // MARK: - Input

    /// Everything the terminal has sent, decoded, without blocking (apart from ncurses's
    /// short wait after a lone ESC). Call it when stdin or `resizeFileDescriptor` is readable,
    /// and after `poll` returns EINTR.
    public func readAvailable() -> [InputEvent] {
        guard isActive, !isSuspended, let window else { return [] }
        drainResizeNotifier()
        var events: [InputEvent] = []
        // A paste left open by the last drain: its body is read straight from the terminal,
        // and ncurses is not asked again until it has ended.
        if decoder.isInsidePaste {
            events += readPasteBody()
            if decoder.isInsidePaste { return events }
        }
        var inputs: [RawInput] = []
        while inputs.count < Self.maximumInputsPerDrain {
            // Bytes, not `wget_wch`: see `UTF8Assembler` for the characters it loses.
            let result = wgetch(window)
            if result == ERR { break }
            if (0...0xFF).contains(result) {
                inputs.append(.byte(UInt8(result)))
                continue
            }
            let code = Int32(result)
            if code == CursesKeyCode.resize { needsFullRepaint = true }
            if code == CursesKeyCode.mouse {
                inputs.append(.mouse(Self.readMouse()))
                continue
            }
            inputs.append(.keyCode(code))
            // ncurses reads one byte per system call (and polls before each): far too slow for
            // a megabyte. The paste's body is read in large chunks instead, below.
            if code == CursesKeyCode.pasteStart { break }
        }
        if !inputs.isEmpty { events += decoder.decode(inputs, screenSize: size) }
        if decoder.isInsidePaste { events += readPasteBody() }
        return events
    }

    /// Reads what the terminal has of an open paste in large chunks, without blocking, and
    /// decodes it (up to the end marker as pasted text, the rest as input). Safe beside
    /// ncurses: it has just matched the paste's start marker and read no byte past it (its
    /// key matching reads one byte at a time, only as far as a match needs), so nothing of
    /// the paste is waiting in its queue. Bounded per drain like `wgetch` reads.
    private func readPasteBody() -> [InputEvent] {
        var events: [InputEvent] = []
        var chunk = [UInt8](repeating: 0, count: Self.pasteChunkBytes)
        var total = 0
        while decoder.isInsidePaste, total < Self.maximumInputsPerDrain * 4 {
            var descriptor = pollfd(fd: inputFileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) == 1, descriptor.revents & Int16(POLLIN) != 0 else { break }
            let count = chunk.withUnsafeMutableBytes { read(inputFileDescriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            total += count
            events += decoder.decode(pasteChunk: chunk[..<count], screenSize: size)
        }
        return events
    }

    /// The direct-color sibling of `term` (`xterm-256color` → `xterm-direct`) when the terminal
    /// says it shows 24-bit color (`COLORTERM=truecolor` or `24bit`): ncurses sends `#rrggbb`
    /// only through such an entry. nil otherwise, or when `term` already is one; an entry that
    /// is not installed (Debian ships them in ncurses-term) makes `newterm` fail and $TERM is used.
    static func directColorTerminal(term: String?, colorTerm: String?) -> String? {
        guard let term, let colorTerm, ["truecolor", "24bit"].contains(colorTerm.lowercased()),
              term.hasSuffix("-256color") else { return nil }
        return String(term.dropLast("-256color".count)) + "-direct"
    }

    /// Asks the terminal for clicks and wheel reports (`true`) or stops (`false`, the default:
    /// then the terminal's own selection works untouched). False when the terminal cannot.
    @discardableResult
    public func setMouse(_ enabled: Bool) -> Bool {
        guard isActive else { return false }
        return cn_mouse_enable(enabled ? 1 : 0) == 0
    }

    /// The event behind a KEY_MOUSE, read at once (ncurses keeps only the latest).
    private static func readMouse() -> MouseEvent? {
        var x: Int32 = 0
        var y: Int32 = 0
        switch cn_read_mouse(&x, &y) {
        case 1: return MouseEvent(x: Int(x), y: Int(y), kind: .press)
        case 2: return MouseEvent(x: Int(x), y: Int(y), kind: .wheelUp)
        case 3: return MouseEvent(x: Int(x), y: Int(y), kind: .wheelDown)
        default: return nil
        }
    }

    // MARK: - Setup helpers (the pure ncurses calls are `CursesSetup`'s)

    private func applyTheme(_ theme: Theme) {
        let plan = ColorPairPlan(theme: theme, mode: colorMode)
        for pair in plan.pairs {
            // The extended call takes colors past 32,767 (a direct-color terminal's 0xRRGGBB).
            _ = cn_init_extended_pair(pair.index, pair.foreground, pair.background)
        }
        colorPairPlan = plan
        attributesByRole = StyleRole.allCases.map { CursesSetup.attributes(for: plan.effectiveStyle(for: $0)) }
        pairByRole = StyleRole.allCases.map { plan.pair(for: $0) }
    }

    private func openResizeNotifier() {
        var ends: [Int32] = [-1, -1]
        guard cn_pipe_nonblocking(&ends) == 0 else { return }
        resizeFileDescriptor = ends[0]
        resizePipeWriteEnd = ends[1]
        if cn_resize_notifier_install(ends[1]) != 0 { closeResizeNotifier() }
    }

    private func closeResizeNotifier() {
        _ = cn_resize_notifier_install(-1)
        if resizeFileDescriptor >= 0 { close(resizeFileDescriptor) }
        if resizePipeWriteEnd >= 0 { close(resizePipeWriteEnd) }
        resizeFileDescriptor = -1
        resizePipeWriteEnd = -1
    }

    private func drainResizeNotifier() {
        guard resizeFileDescriptor >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(resizeFileDescriptor, &buffer, buffer.count) > 0 {}
    }

    private func writeToTerminal(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(STDOUT_FILENO, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
