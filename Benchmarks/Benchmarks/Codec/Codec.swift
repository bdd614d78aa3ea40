// Throughput of the ISO 18626 codec (decode, strict schema validation, encode) against raw libxml2 parsing
// of the same bytes. Every benchmark handles one message per iteration (scaling factor one), so the
// wall-clock percentiles are per-message latencies and the throughput metric is messages per second.
// README.md beside Package.swift explains the figures and how to run them.

import Benchmark
import CLibXML2Bench
import Foundation
import ISO18626

let benchmarks: @Sendable () -> Void = {
    let fixtures = CodecFixtures.checked()

    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock],
        // Plain counts and nanoseconds: the automatic units round 8.4 µs to "8" and 121,000/s to "121 K".
        timeUnits: .nanoseconds,
        units: [.throughput: .count],
        warmupIterations: 2_000,
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    let typical = fixtures.typical
    let large = fixtures.large
    let validator = fixtures.validator
    let decoder = ISO18626Decoder()
    let strictDecoder = ISO18626Decoder(options: .init(schemaValidator: validator))
    let encoder = ISO18626Encoder()

    // 1. The reference: what libxml2 alone costs for the same bytes (tree built, then freed).
    Benchmark("raw libxml2 parse (typical request)") { benchmark in
        for _ in benchmark.scaledIterations {
            RawLibXML2.parseAndFree(typical.bytes)
        }
    }

    // 2. The tolerant decoder: libxml2's SAX2 parse (safety hooks, no tree) into a flat arena, read into Swift types.
    Benchmark("decode (typical request)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try decoder.decode(typical.bytes))
        }
    }

    // 3. Strict mode: the decode above plus a tree parse of the same bytes validated against the published v1.2 schema.
    Benchmark("decode+validate (typical request, v1.2 schema)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try strictDecoder.decode(typical.bytes))
        }
    }

    // 4. Validation alone (parse + XSD validation of the tree), as `illgate validate` and the encoder use it.
    Benchmark("validate only (typical request, v1.2 schema)") { benchmark in
        for _ in benchmark.scaledIterations {
            try validator.validate(typical.bytes, edition: .v1_2)
        }
    }

    // 5. The strict encoder without a validator: typed message to compact UTF-8 XML.
    Benchmark("encode (typical request)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try encoder.encode(typical.message, edition: .v1_2))
        }
    }

    // 6. The same for a large request.
    Benchmark("raw libxml2 parse (large request)") { benchmark in
        for _ in benchmark.scaledIterations {
            RawLibXML2.parseAndFree(large.bytes)
        }
    }

    Benchmark("decode (large request)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try decoder.decode(large.bytes))
        }
    }

    Benchmark("encode (large request)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try encoder.encode(large.message, edition: .v1_2))
        }
    }
}

/// One benchmark document: its bytes and the message they decode to.
struct Document: Sendable {
    let bytes: [UInt8]
    let message: ISO18626Message
}

/// The documents and the validator, checked once before anything is measured.
struct CodecFixtures: Sendable {
    let typical: Document
    let large: Document
    let validator: SchemaValidator

    /// Where the published v1.2 schema is looked for before falling back to the one built into illgate.
    static let publishedSchemaPath = "/work/shared/reference/iso18626/ISO-18626-v1_2.xsd"

    /// Loads the documents and the schema and checks that both documents decode to requests and are valid
    /// against the v1.2 schema; stops the run with a message otherwise.
    static func checked() -> CodecFixtures {
        let validator: SchemaValidator
        let schemaSource: String
        do {
            if let text = try? String(contentsOfFile: publishedSchemaPath, encoding: .utf8) {
                validator = try SchemaValidator(schemaTexts: [.v1_2: text])
                schemaSource = publishedSchemaPath
            } else {
                validator = try SchemaValidator.bundled()
                schemaSource = "SchemaValidator.bundled()"
            }
        } catch {
            fatalError("Codec benchmarks: the v1.2 schema does not compile: \(error)")
        }

        func load(_ name: String, _ text: String) -> Document {
            let bytes = Array(text.utf8)
            let decoded: DecodedMessage
            do {
                decoded = try ISO18626Decoder().decode(bytes)
            } catch {
                fatalError("Codec benchmarks: the \(name) request does not decode: \(error)")
            }
            guard case .request = decoded.message, decoded.edition == .v1_2 else {
                fatalError("Codec benchmarks: the \(name) request decodes as \(decoded.message.kind), \(decoded.edition)")
            }
            if !decoded.warnings.isEmpty {
                fatalError("Codec benchmarks: the \(name) request decodes with warnings: \(decoded.warnings)")
            }
            do {
                try validator.validate(bytes, edition: .v1_2)
            } catch {
                fatalError("Codec benchmarks: the \(name) request is not valid against the v1.2 schema: \(error)")
            }
            // The encoder's output is not what is measured for validity, but a broken one would make the
            // encode figures meaningless: say so loudly without stopping the run.
            var encodedSize = 0
            do {
                let encoded = try ISO18626Encoder(validator: validator).encode(decoded.message, edition: .v1_2)
                encodedSize = encoded.count
                let again = try ISO18626Decoder().decode(encoded)
                if again.message != decoded.message {
                    print("WARNING: the \(name) request does not survive encode → decode unchanged")
                }
            } catch {
                print("WARNING: re-encoding the \(name) request fails: \(error)")
            }
            print(
                "Codec benchmarks: \(name) request \(bytes.count) bytes, decodes and is valid "
                    + "(v1.2 schema: \(schemaSource)); encodes to \(encodedSize) bytes"
            )
            return Document(bytes: bytes, message: decoded.message)
        }

        RawLibXML2.initialize()
        let typical = load("typical", Fixtures.typicalRequest)
        let large = load("large", Fixtures.largeRequest)
        RawLibXML2.parseAndFree(typical.bytes)
        RawLibXML2.parseAndFree(large.bytes)
        return CodecFixtures(typical: typical, large: large, validator: validator)
    }
}

/// libxml2 called directly, the way any C program would parse a message: the reference figure.
enum RawLibXML2 {
    static let options = Int32(
        bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
    )

    static func initialize() {
        xmlInitParser()
    }

    /// Parses the bytes into a tree with `xmlReadMemory` (a new parser context each time) and frees it.
    @inline(__always)
    static func parseAndFree(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                guard let document = xmlReadMemory(characters.baseAddress, Int32(characters.count), nil, nil, options) else {
                    fatalError("raw libxml2 parse failed")
                }
                xmlFreeDoc(document)
            }
        }
    }
}
