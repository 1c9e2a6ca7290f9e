/// Overlays drawn over the panes; at most one at a time. Each owns the keys while it is open.
public enum Overlay: Sendable, Equatable {
    case help
    /// Choosing `model` from the active dialect's models endpoint.
    case modelPicker(ModelPicker)
    /// Saving, applying and deleting named parameter presets.
    case presets(PresetPicker)
    /// One assistant reply's parameters, request body and curl command.
    case inspector(MessageInspector)
}

/// The model picker: a list fetched from the models endpoint, filtered by what the user types.
/// When listing fails (or nothing matches) Enter takes the typed text as the model name.
public struct ModelPicker: Sendable, Equatable {
    public enum Listing: Sendable, Equatable {
        case loading
        case loaded([String])
        case failed(String)
    }

    public var listing: Listing
    /// Typed text: narrows the list, or is the model name itself when nothing is chosen.
    public var filter: TextInput
    /// Index into `matches`.
    public var selectedIndex: Int

    public init(listing: Listing = .loading, filter: TextInput = TextInput(), selectedIndex: Int = 0) {
        self.listing = listing
        self.filter = filter
        self.selectedIndex = selectedIndex
    }

    /// The listed models whose name contains the filter text (case-insensitive), in list order.
    public var matches: [String] {
        guard case let .loaded(models) = listing else { return [] }
        let needle = filter.text.lowercased()
        if needle.isEmpty { return models }
        return models.filter { $0.lowercased().contains(needle) }
    }
}

/// The presets overlay: a list of `AppState.presets`, and a name being typed when saving.
public struct PresetPicker: Sendable, Equatable {
    public var selectedIndex: Int
    /// Non-nil while the user types a name for "save the current parameters as".
    public var naming: TextInput?
    public var error: String?

    public init(selectedIndex: Int = 0, naming: TextInput? = nil, error: String? = nil) {
        self.selectedIndex = selectedIndex
        self.naming = naming
        self.error = error
    }
}

/// The message inspector: what one assistant reply was generated with.
public struct MessageInspector: Sendable, Equatable {
    public enum View: String, Sendable, Equatable, CaseIterable {
        /// The parameters, field by field, with unset ones marked.
        case parameters
        /// The exact request body, pretty-printed JSON.
        case body
        /// A copy-ready curl command, key redacted.
        case curl
    }

    public var messageID: String
    public var view: View
    /// The first row shown, counted in rows as drawn (`InspectorContent` lines wrapped to the
    /// box). The reducer keeps it within what the renderer measured (`AppState.overlayMetrics`).
    public var topRow: Int
    /// The request of `messageID`, read from the store when the inspector reaches it: finished
    /// replies do not keep theirs in memory, because each holds the whole history before it.
    public var request: InspectedRequest

    public init(messageID: String, view: View = .parameters, topRow: Int = 0, request: InspectedRequest = .loading) {
        self.messageID = messageID
        self.view = view
        self.topRow = topRow
        self.request = request
    }
}

/// Where the inspector stands with the request of the reply it shows.
public enum InspectedRequest: Sendable, Equatable {
    /// Asked of the store (`.loadSentRequest`), not answered yet.
    case loading
    case recorded(SentRequest)
    /// The reply was stored before chatterm recorded requests (or its record is unreadable).
    case notRecorded
    /// The store could not be read (locked, gone, ...): why, as a sentence.
    case failed(String)

    init(_ request: SentRequest?) {
        self = request.map(InspectedRequest.recorded) ?? .notRecorded
    }
}
