import NIOCore
import NIOEmbedded
import Testing
import Transport

/// The TCP framing's encoder: replies in the connection's framing, readable by the decoder.
@Suite struct TCPFrameEncoderTests {
    private func encode(_ frame: TCPFrame) throws -> String {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(TCPFrameEncoder()))
        defer { _ = try? channel.finish(acceptAlreadyClosed: true) }
        try channel.writeOutbound(frame)
        var output = ""
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { output += String(buffer: buffer) }
        return output
    }

    @Test func lengthModeWritesTheLengthLine() throws {
        #expect(try encode(TCPFrame(mode: .length, bytes: Array("<b>hello</b>".utf8))) == "12\n<b>hello</b>")
    }

    @Test func xmlModeAddsALineFeedUnlessThereIsOne() throws {
        #expect(try encode(TCPFrame(mode: .xml, bytes: Array("<a/>".utf8))) == "<a/>\n")
        #expect(try encode(TCPFrame(mode: .xml, bytes: Array("<a/>\n".utf8))) == "<a/>\n")
    }

    @Test func encodedFramesDecodeToTheSamePayloads() throws {
        for mode in [TCPFrame.Mode.xml, .length] {
            let payloads = ["<a x='>'/>", "<?xml version=\"1.0\"?>\n<b>\n</b>\n"]
            var stream = ""
            for payload in payloads { stream += try encode(TCPFrame(mode: mode, bytes: Array(payload.utf8))) }
            var decoder = TCPFrameDecoder(maximumFrameSize: 1000)
            var buffer = ByteBuffer(string: stream)
            var decoded: [String] = []
            while let frame = try decoder.nextFrame(from: &buffer) { decoded.append(String(buffer: frame.payload)) }
            let expected = mode == .xml ? payloads.map { $0.trimmingSuffix("\n") } : payloads
            #expect(decoded == expected, "\(mode)")
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
