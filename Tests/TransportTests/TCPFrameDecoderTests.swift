import NIOCore
import NIOEmbedded
import Testing
import Transport

/// The TCP framing's decoder, driven through NIO's `ByteToMessageHandler` on an `EmbeddedChannel`.
@Suite struct TCPFrameDecoderTests {
    /// Feeds the chunks one read at a time and collects the frames; rethrows the first framing error.
    private func decode(_ chunks: [[UInt8]], maximumFrameSize: Int = 1 << 20) throws -> [TCPFrame] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(TCPFrameDecoder(maximumFrameSize: maximumFrameSize)))
        defer { _ = try? channel.finish(acceptAlreadyClosed: true) }
        var frames: [TCPFrame] = []
        for chunk in chunks {
            try channel.writeInbound(ByteBuffer(bytes: chunk))
            while let frame = try channel.readInbound(as: TCPFrame.self) { frames.append(frame) }
        }
        return frames
    }

    private func decode(_ text: String, maximumFrameSize: Int = 1 << 20) throws -> [TCPFrame] {
        try decode([Array(text.utf8)], maximumFrameSize: maximumFrameSize)
    }

    /// The frames and the error that ended them, for inputs that are partly good.
    private func decodeUntilError(_ chunks: [[UInt8]], maximumFrameSize: Int = 1 << 20) -> (frames: [String], error: TCPFramingError?) {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(TCPFrameDecoder(maximumFrameSize: maximumFrameSize)))
        defer { _ = try? channel.finish(acceptAlreadyClosed: true) }
        var frames: [String] = []
        var failure: TCPFramingError?
        for chunk in chunks {
            do {
                try channel.writeInbound(ByteBuffer(bytes: chunk))
            } catch let error as TCPFramingError {
                failure = error
            } catch {
                Issue.record("unexpected error \(error)")
            }
            while let frame = try? channel.readInbound(as: TCPFrame.self) { frames.append(text(frame)) }
            if failure != nil { break }
        }
        return (frames, failure)
    }

    private func text(_ frame: TCPFrame) -> String {
        String(decoding: frame.bytes, as: UTF8.self)
    }

    private func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    /// Every byte in its own read.
    private func oneByteChunks(_ text: String) -> [[UInt8]] {
        text.utf8.map { [$0] }
    }

    private static let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" ill:version="1.2">\
        <request><header><supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>DK-LEND</agencyIdValue>\
        </supplyingAgencyId></header><bibliographicInfo><title>Moby-Dick &amp; Typee</title></bibliographicInfo></request>\
        </ISO18626Message>
        """

    // MARK: XML mode

    @Test func xmlDocumentSplitIntoOneByteReads() throws {
        let frames = try decode(oneByteChunks(Self.document + "\n"))
        #expect(frames.map(text) == [Self.document])
        #expect(frames.first?.mode == .xml)
    }

    @Test func severalXMLDocumentsInOneReadWithWhiteSpaceBetween() throws {
        let frames = try decode("<a>1</a>\n<b x='2'/>\r\n\t <c><d/></c>  ")
        #expect(frames.map(text) == ["<a>1</a>", "<b x='2'/>", "<c><d/></c>"])
    }

    @Test func documentsSplitAtEveryPossiblePlace() throws {
        let stream = "<?xml version='1.0'?><a><!-- c --><![CDATA[ ]]></a>\n<b/>"
        let bytes = bytes(stream)
        for split in 1..<bytes.count {
            let frames = try decode([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(frames.map(text) == ["<?xml version='1.0'?><a><!-- c --><![CDATA[ ]]></a>", "<b/>"], "split at \(split)")
        }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let withMark: [UInt8] = [0xEF, 0xBB, 0xBF] + bytes("<?xml version=\"1.0\"?><a/>")
        #expect(try decode([withMark]).map(text) == ["<?xml version=\"1.0\"?><a/>"])
        // The mark split across reads, and again before a second document.
        let chunks: [[UInt8]] = [[0xEF], [0xBB], [0xBF, UInt8(ascii: "<")], bytes("a/>\n"), [0xEF, 0xBB, 0xBF], bytes("<b/>")]
        #expect(try decode(chunks).map(text) == ["<a/>", "<b/>"])
    }

    @Test func commentsCDATAAndProcessingInstructionsMayHoldAngleBrackets() throws {
        let first = """
            <?xml version="1.0"?><?note a > b < c ?><!-- <x> </a> --><a><!-- </a> -- > --><?pi </a>?>\
            <![CDATA[ </a> <b> ]] > ]]></a>
            """
        let frames = try decode(first + "\n<next/>")
        #expect(frames.map(text) == [first, "<next/>"])
    }

    @Test func attributeValuesMayHoldAngleBracketsAndSlashes() throws {
        let document = #"<a x="1 > 0" y='</a>' z="/"><b c=">/" d='"'/><e f="<"></e></a>"#
        #expect(try decode(document + document).map(text) == [document, document])
    }

    @Test func nestedElementsWithTheSameName() throws {
        let document = "<a><a><a/><a>x</a></a><a></a></a>"
        #expect(try decode(oneByteChunks(document + "<a/>")).map(text) == [document, "<a/>"])
    }

    @Test func documentTypeDeclarationWithInternalSubset() throws {
        let document = #"<!DOCTYPE a [ <!ENTITY e "x>y"> ]><a>&e;</a>"#
        #expect(try decode(document).map(text) == [document])
    }

    @Test func leadingWhiteSpaceSelectsXMLMode() throws {
        #expect(try decode("\r\n <a/>").map(\.mode) == [.xml])
    }

    @Test func oversizeXMLIsRefusedBeforeTheDocumentEnds() {
        let chunks = [bytes("<a/>"), bytes("<a>" + String(repeating: "x", count: 60)), bytes(String(repeating: "y", count: 60))]
        let (frames, error) = decodeUntilError(chunks, maximumFrameSize: 100)
        #expect(frames == ["<a/>"])
        #expect(error == TCPFramingError(.frameTooLarge(declaredLength: nil, limit: 100), mode: .xml))
    }

    @Test func completeXMLDocumentOverTheLimitIsRefused() {
        let document = "<a>" + String(repeating: "x", count: 200) + "</a>"
        let (frames, error) = decodeUntilError([bytes(document)], maximumFrameSize: 100)
        #expect(frames.isEmpty)
        #expect(error?.reason == .frameTooLarge(declaredLength: nil, limit: 100))
    }

    @Test func xmlDocumentExactlyAtTheLimitIsAccepted() throws {
        let document = "<a>" + String(repeating: "x", count: 93) + "</a>"
        #expect(document.utf8.count == 100)
        #expect(try decode(document, maximumFrameSize: 100).map(text) == [document])
    }

    @Test func textAfterADocumentIsMalformed() {
        let (frames, error) = decodeUntilError([bytes("<a></a>junk")])
        #expect(frames == ["<a></a>"])
        #expect(error?.reason == .malformedXML("text outside the root element"))
        #expect(error?.mode == .xml)
    }

    @Test func strayEndTagIsMalformed() {
        #expect(decodeUntilError([bytes("</a>")]).error?.reason == .malformedXML("an end tag without a start tag"))
    }

    @Test func connectionEndingInsideADocumentIsTruncated() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(TCPFrameDecoder(maximumFrameSize: 1000)))
        try channel.writeInbound(ByteBuffer(string: "<a/>\n<b>"))
        #expect(try channel.readInbound(as: TCPFrame.self).map(text) == "<a/>")
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(throws: TCPFramingError(.truncatedFrame(bufferedBytes: 3), mode: .xml)) { try channel.throwIfErrorCaught() }
        _ = try? channel.finish(acceptAlreadyClosed: true)
    }

    // MARK: Length mode

    @Test func lengthModeWithLFAndCRLF() throws {
        let frames = try decode("4\n<a/>12\r\n<b>hello</b>\n\n3\r\n<c>")
        #expect(frames.map(text) == ["<a/>", "<b>hello</b>", "<c>"])
        #expect(frames.allSatisfy { $0.mode == .length })
    }

    @Test func lengthModeSplitIntoOneByteReads() throws {
        let frames = try decode(oneByteChunks("12\r\n<b>hello</b>4\n<a/>"))
        #expect(frames.map(text) == ["<b>hello</b>", "<a/>"])
    }

    @Test func lengthModePayloadIsNotInterpreted() throws {
        #expect(try decode("6\n<a>\n12").map(text) == ["<a>\n12"])
    }

    @Test func declaredLengthOverTheLimitIsRefusedAtOnce() {
        let (frames, error) = decodeUntilError([bytes("4\n<a/>"), bytes("101")], maximumFrameSize: 100)
        #expect(frames == ["<a/>"])
        #expect(error == TCPFramingError(.frameTooLarge(declaredLength: 101, limit: 100), mode: .length))
    }

    @Test func declaredLengthAtTheLimitIsAccepted() throws {
        let payload = String(repeating: "x", count: 100)
        #expect(try decode("100\n" + payload, maximumFrameSize: 100).map(text) == [payload])
    }

    @Test func badLengthLines() {
        let limit = 1 << 40
        #expect(decodeUntilError([bytes("12345678901\n")], maximumFrameSize: limit).error?.reason == .badLengthLine("more than 10 digits"))
        #expect(decodeUntilError([bytes("12x\n")]).error?.reason == .badLengthLine("unexpected byte 0x78 where a digit or LF belongs"))
        #expect(decodeUntilError([bytes("12\r<a>")]).error?.reason == .badLengthLine("CR not followed by LF"))
        #expect(decodeUntilError([bytes("0\n")]).error?.reason == .badLengthLine("a frame of length 0"))
        #expect(decodeUntilError([bytes("4\n<a/>"), bytes("<b/>")]).error?.mode == .length)
    }

    // MARK: Mode detection

    @Test func garbageFirstByteIsNotXML() {
        let (frames, error) = decodeUntilError([bytes("GET / HTTP/1.1\r\n")])
        #expect(frames.isEmpty)
        #expect(error == TCPFramingError(.notXML(firstByte: UInt8(ascii: "G")), mode: nil))
        #expect(error?.description.contains("0x47") == true)
    }

    @Test func lessThanNotFollowedByANameIsMalformed() {
        #expect(decodeUntilError([bytes("< a/>")]).error?.reason == .malformedXML("'<' not followed by a name"))
    }
}
