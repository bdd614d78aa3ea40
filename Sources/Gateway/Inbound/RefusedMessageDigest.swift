public import Foundation
public import ISO18626

/// What is kept of a message refused before its sender was known: when, what it claimed to be, how big it
/// was, a fingerprint of its bytes and why it was refused. Never the body.
public struct RefusedMessageDigest: Hashable, Sendable {
    /// When it arrived.
    public var at: Date
    /// The message type it claimed, if it could be read that far.
    public var kind: MessageKind
    /// The ids in its header, as far as they could be read.
    public var ids: MessageIDs
    /// Its size in bytes.
    public var size: Int
    /// A fingerprint of its first ``fingerprintedBytes`` bytes (to recognise a stranger sending the same
    /// thing again without reading all of a large message).
    public var fingerprint: String

    /// How much of a refused message the fingerprint reads.
    public static let fingerprintedBytes = 4 * 1024
    /// Why it was refused.
    public var error: ErrorData?

    /// Creates a digest.
    public init(at: Date, kind: MessageKind, ids: MessageIDs, size: Int, fingerprint: String, error: ErrorData?) {
        self.at = at
        self.kind = kind
        self.ids = ids
        self.size = size
        self.fingerprint = fingerprint
        self.error = error
    }
}
