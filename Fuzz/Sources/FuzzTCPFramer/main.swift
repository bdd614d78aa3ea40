import FuzzSupport
import NIOCore
import Transport

/// The TCP framer sees a connection's bytes in whatever pieces the network delivers. The first two input bytes
/// choose the frame size limit and how the rest is cut (byte by byte, or pieces of 1 to 256 bytes drawn from a
/// generator seeded by the input); the frames, and whether and how framing fails, must be exactly those of the
/// same bytes delivered at once. (One difference is allowed: an incomplete document that passes the size limit
/// is refused as too large as soon as the limit is passed, so pieces may meet that refusal before a later
/// malformation that the whole buffer shows at once.)
struct FramingOutcome {
    var frames: [TCPFrame] = []
    var error: TCPFramingError?

    func agrees(with other: FramingOutcome) -> Bool {
        guard frames == other.frames else { return false }
        switch (error, other.error) {
        case (nil, nil): return true
        case (let mine?, let theirs?): return mine == theirs || mine.isTooLarge || theirs.isTooLarge
        default: return false
        }
    }
}

extension TCPFramingError {
    var isTooLarge: Bool {
        if case .frameTooLarge = reason { return true }
        return false
    }
}

/// A small deterministic generator (SplitMix64), so a crashing input replays the same cuts.
struct PieceSizes {
    private var state: UInt64
    private let byteByByte: Bool

    init(seed: UInt8) {
        state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        byteByByte = seed < 64
    }

    mutating func next() -> Int {
        if byteByByte { return 1 }
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((mixed ^ (mixed >> 31)) % 256) + 1
    }
}

func frame(_ pieces: [ArraySlice<UInt8>], maximumFrameSize: Int) -> FramingOutcome {
    var decoder = TCPFrameDecoder(maximumFrameSize: maximumFrameSize)
    var buffer = ByteBuffer()
    var outcome = FramingOutcome()
    do {
        for piece in pieces {
            buffer.writeBytes(piece)
            while let frame = try decoder.nextFrame(from: &buffer) {
                outcome.frames.append(frame)
            }
        }
    } catch {
        outcome.error = error
    }
    return outcome
}

FuzzDriver.run { bytes in
    guard bytes.count >= 2 else { return }
    let input = bytes
    // Small limits reach the too-large paths; 0 means the daemon's default-sized 1 MiB.
    let maximumFrameSize = input[0] == 0 ? 1 << 20 : Int(input[0]) * 16
    let stream = Array(input[2...])

    var sizes = PieceSizes(seed: input[1])
    var pieces: [ArraySlice<UInt8>] = []
    var start = 0
    while start < stream.count {
        let end = min(stream.count, start + sizes.next())
        pieces.append(stream[start..<end])
        start = end
    }

    let whole = frame([stream[...]], maximumFrameSize: maximumFrameSize)
    let cut = frame(pieces, maximumFrameSize: maximumFrameSize)
    if !whole.agrees(with: cut) {
        fatalError("the frames depend on how the bytes arrive: whole \(whole), in \(pieces.count) pieces \(cut)")
    }
}
