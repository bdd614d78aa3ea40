import ISO18626
import Store

extension MessageRecord {
    /// The stored message, read again. It was read when it was stored, so a body that cannot be read now is
    /// a corrupt row, reported as such rather than taken for a message that is not there.
    /// - Throws: ``StoreError/Code/corruptValue`` naming the message row (not its body: it may hold patron data).
    func storedMessage(_ decoder: ISO18626Decoder = ISO18626Decoder()) throws(StoreError) -> ISO18626Message {
        do {
            return try decoder.decode(body).message
        } catch {
            throw StoreError.unreadableText(table: "message", rowID: id, column: "body", expected: "an ISO 18626 message")
        }
    }
}
