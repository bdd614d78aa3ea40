import FuzzSupport
import ISO18626

/// The tolerant decoder must turn any bytes into a message or an ``ISO18626DecodingError``: never a crash, a
/// hang or unbounded memory. A decoded message is encoded again, so the encoder sees whatever the decoder
/// let through.
let decoder = ISO18626Decoder()
let encoder = ISO18626Encoder()

FuzzDriver.run { bytes in
    guard let decoded = try? decoder.decode(bytes) else { return }
    _ = try? encoder.encode(decoded.message, edition: decoded.edition)
}
