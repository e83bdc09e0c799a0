public import BrumeCore
public import BrumeEdge
public import Foundation
import Synchronization

/// IAM's and STS's state for every account, shared by the two services and the edge.
///
/// Held in memory behind a mutex and written whole to `<data>/iam/state.json` after each change,
/// before the answer: IAM's state is small (users, roles, policies), and one file keeps every
/// change atomic. The edge reads issued credentials through ``IssuedCredentials`` without
/// waiting on an actor, as a signature check must.
public final class IAMBackend: Sendable, IssuedCredentials {
    let state: Mutex<IAMState>
    let file: URL?
    let clock: any WallClock

    /// Opens the state under `folder` (nil keeps it in memory only, for tests).
    public init(folder: URL?, clock: any WallClock) throws {
        self.clock = clock
        file = folder?.appendingPathComponent("state.json")
        var loaded = IAMState()
        if let file, FileManager.default.fileExists(atPath: file.path) {
            loaded = try JSONDecoder().decode(IAMState.self, from: Data(contentsOf: file))
        }
        state = Mutex(loaded)
    }

    var now: Double { clock.now().timeIntervalSince1970 }

    /// Runs `body` on one account's state and saves the whole state when it returns without throwing.
    func change<T>(_ account: String, _ body: (inout IAMAccount) throws(IAMError) -> T) throws(IAMError) -> T {
        let result: Result<(T, Data?), IAMError> = state.withLock { state in
            var copy = state.accounts[account] ?? IAMAccount()
            do throws(IAMError) {
                let value = try body(&copy)
                state.accounts[account] = copy
                return .success((value, try? JSONEncoder().encode(state)))
            } catch {
                return .failure(error)
            }
        }
        let (value, data) = try result.get()
        try persist(data)
        return value
    }

    /// Reads one account's state.
    func read<T, Failure: Error>(_ account: String, _ body: (IAMAccount) throws(Failure) -> T) throws(Failure) -> T {
        let snapshot = state.withLock { $0.accounts[account] ?? IAMAccount() }
        return try body(snapshot)
    }

    func persist(_ data: Data?) throws(IAMError) {
        guard let file, let data else { return }
        do {
            try data.write(to: file, options: .atomic)
        } catch {
            throw .validation("IAM could not store the change: \(error)")
        }
    }

    // MARK: Sessions

    func addSession(_ session: IAMSession) throws(IAMError) {
        let data: Data? = state.withLock { state in
            // Expired sessions go when a new one comes, so the file stays bounded by live sessions.
            let now = self.now
            state.sessions = state.sessions.filter { $0.value.expiration > now }
            state.sessions[session.accessKeyID] = session
            return try? JSONEncoder().encode(state)
        }
        try persist(data)
    }

    func session(_ accessKeyID: String) -> IAMSession? {
        state.withLock { $0.sessions[accessKeyID] }
    }

    /// The access key and its account, when a user owns `accessKeyID`.
    func accessKey(_ accessKeyID: String) -> (account: String, key: IAMAccessKey)? {
        state.withLock { state in
            for (account, holdings) in state.accounts {
                if let key = holdings.accessKeys[accessKeyID] { return (account, key) }
            }
            return nil
        }
    }

    public func credential(forAccessKey accessKey: String, at date: Date) -> IssuedCredential? {
        if accessKey.hasPrefix("ASIA") {
            // Sessions expire on the stack clock, which never runs behind the edge's real time.
            let now = max(date.timeIntervalSince1970, self.now)
            guard let session = session(accessKey), session.expiration > now else { return nil }
            return IssuedCredential(secret: session.secret, accountID: session.account, sessionToken: session.token)
        }
        guard let (account, key) = self.accessKey(accessKey), key.status == "Active" else { return nil }
        return IssuedCredential(secret: key.secret, accountID: account, sessionToken: nil)
    }
}
