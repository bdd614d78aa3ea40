import Foundation
import ISO18626
import Testing

/// Locates the shared reference material (`../shared/reference/iso18626` beside the repository) that the
/// conformance tests use as their oracle. Tests that need it skip, saying why, when it is absent, unless the
/// run requires it (`ILLGATE_REQUIRE_REFERENCE=1`, which `.ci/run` sets): then they run and fail, so CI never
/// passes without them.
enum ReferenceMaterial {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ISO18626Tests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository
        .deletingLastPathComponent()  // its parent
        .appendingPathComponent("shared/reference/iso18626")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("samples").path)
    }

    /// Whether this run must have the material (`ILLGATE_REQUIRE_REFERENCE=1`; CI sets it).
    static var isRequired: Bool {
        ProcessInfo.processInfo.environment["ILLGATE_REQUIRE_REFERENCE"] == "1"
    }

    /// Whether tests that need the material run: when it is there, or when it is required (they then fail).
    static var testsRun: Bool { isAvailable || isRequired }

    static let unavailableReason = "reference material not found at \(directory.path); conformance checks skipped"

    static func sample(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("samples/\(name)"), encoding: .utf8)
    }

    static func sampleNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("samples").path)
            .filter { $0.hasSuffix(".xml") }
            .sorted()
    }

    /// The published schemas, compiled once: the oracle every emitted message must satisfy.
    static let publishedSchemas: SchemaValidator? = {
        guard isAvailable,
            let v1_2 = try? String(contentsOf: directory.appendingPathComponent("ISO-18626-v1_2.xsd"), encoding: .utf8),
            let v2021 = try? String(contentsOf: directory.appendingPathComponent("ISO-18626-2021-2.xsd"), encoding: .utf8)
        else { return nil }
        return try? SchemaValidator(schemaTexts: [.v1_2: v1_2, .v2021: v2021])
    }()
}

/// CI's guarantee: with `ILLGATE_REQUIRE_REFERENCE=1`, the conformance tests cannot quietly skip.
@Suite struct ReferenceMaterialPresenceTests {
    @Test("The reference material is present when the run requires it")
    func presentWhenRequired() {
        if ReferenceMaterial.isRequired {
            #expect(ReferenceMaterial.isAvailable, "ILLGATE_REQUIRE_REFERENCE=1 but \(ReferenceMaterial.unavailableReason)")
            #expect(ReferenceMaterial.publishedSchemas != nil, "the published schemas in \(ReferenceMaterial.directory.path) do not load")
        }
    }
}
