import ChatClient
import ChatCore
import Foundation
import SessionStore
import StreamProtocol

/// Performs the reducer's effects and feeds their results back into the inbox as actions.
/// Store work runs on one serial queue (in order, off the UI thread); streams run on the
/// transport's thread. Nothing here decides anything: it only carries out.
final class EffectRunner {
    private let inbox: Inbox
    private let store: SessionStore
    private let streamer: CompletionStreamer
    private let storeQueue = DispatchQueue(label: "chatterm.store")

    init(inbox: Inbox, store: SessionStore, streamer: CompletionStreamer) {
        self.inbox = inbox
        self.store = store
        self.streamer = streamer
    }

    func perform(_ effects: [Effect]) {
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .loadSessions:
            onStore { store in .sessionsLoaded(try store.listSessions()) }
        case let .loadConversation(id):
            onStore { store in
                .conversationLoaded(
                    sessionID: id, messages: try store.loadMessages(sessionID: id),
                    parameters: try store.loadParameters(sessionID: id))
            }
        case let .createSession(summary, parameters):
            onStore { store in try store.createSession(summary, parameters: parameters); return nil }
        case let .saveMessage(message, sessionID):
            onStore { store in try store.saveMessage(message, sessionID: sessionID); return nil }
        case let .saveParameters(parameters, sessionID, now):
            onStore { store in
                try store.saveParameters(parameters, sessionID: sessionID, updatedAtMillis: now)
                return nil
            }
        case let .startStream(id, request):
            let inbox = self.inbox
            streamer.start(id.rawValue, request) { update in
                let now = Clock.nowMillis()
                switch update {
                case let .events(events):
                    inbox.post(.streamReceived(id, events, nowMillis: now))
                case let .closed(failure):
                    inbox.post(.streamClosed(id, failure: failure, nowMillis: now))
                case .retrying, .heartbeat:
                    break  // Not shown yet: the reducer has no actions for them (placeholder to keep the build green).
                }
            }
        case let .cancelStream(id):
            streamer.cancel(id.rawValue)
        case .loadPresets, .savePreset, .deletePreset, .listModels, .editExternally, .copyToClipboard:
            // Wired in the integration commit of issue 3 (presets store, model catalog, $EDITOR, OSC 52).
            inbox.post(.storeFailed("Not available yet in this build."))
        case .quit:
            break  // The run loop sees `quitRequested` and winds down after this batch.
        }
    }

    /// Runs store work in order off the UI thread; failures become a notice, never a crash.
    private func onStore(_ work: @escaping (SessionStore) throws -> Action?) {
        let store = self.store
        let inbox = self.inbox
        storeQueue.async {
            do {
                if let action = try work(store) { inbox.post(action) }
            } catch {
                inbox.post(.storeFailed("Could not save or load sessions: \(error)"))
            }
        }
    }

    /// Waits for queued store writes (quitting must not lose the last save).
    func flushStore() {
        storeQueue.sync {}
    }
}

enum Clock {
    static func nowMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// For frame pacing: never jumps with the wall clock.
    static func monotonicMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
