public import Foundation
import ProcessTestSupport

/// Looks at a rendered PDF the way a user's tools do: Poppler's `pdftotext`, `pdfinfo` and `pdftoppm`
/// (Debian: poppler-utils) and ZBar's `zbarimg` (zbar-tools). For the test targets of every module that
/// prints (the Printing module itself, invoices, labels and slips).
public struct PDFInspector: Sendable {
    /// Why an inspection could not be made.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The PDF's bytes, written to a temporary file for the tools.
    public let file: URL

    /// Writes the bytes to a temporary file.
    public init(_ bytes: [UInt8], name: String = "document") throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        file = directory.appendingPathComponent("\(name).pdf")
        try Data(bytes).write(to: file)
    }

    /// Whether the tools are installed. When `ILLGATE_REQUIRE_REFERENCE=1` (CI), tests must not skip for
    /// their absence: ``missingToolsMustFail`` says so.
    public static var toolsAvailable: Bool {
        ["pdftotext", "pdfinfo", "pdftoppm", "zbarimg"].allSatisfy { ExternalTool.path(of: $0) != nil }
    }

    /// True when the run requires every tool (CI sets `ILLGATE_REQUIRE_REFERENCE=1`).
    public static var missingToolsMustFail: Bool {
        ProcessInfo.processInfo.environment["ILLGATE_REQUIRE_REFERENCE"] == "1"
    }

    /// The text, laid out as on the page (`pdftotext -layout`); pages are separated by form feeds.
    public func layoutText() async throws -> String {
        try await ExternalTool.run("pdftotext", ["-layout", file.path, "-"])
    }

    /// The text in reading order (`pdftotext -raw`).
    public func rawText() async throws -> String {
        try await ExternalTool.run("pdftotext", ["-raw", file.path, "-"])
    }

    /// The page count `pdfinfo` reads.
    public func pageCount() async throws -> Int {
        let info = try await ExternalTool.run("pdfinfo", [file.path])
        for line in info.split(separator: "\n") where line.hasPrefix("Pages:") {
            if let count = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) {
                return count
            }
        }
        throw Failure(description: "pdfinfo printed no page count:\n\(info)")
    }

    /// Renders every page to PNG at `dpi` (`pdftoppm -png`) and returns the image files.
    public func renderPages(dpi: Int = 150) async throws -> [URL] {
        let prefix = file.deletingPathExtension().path + "-page"
        _ = try await ExternalTool.run("pdftoppm", ["-png", "-r", String(dpi), file.path, prefix])
        let directory = file.deletingLastPathComponent()
        let images = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix(file.deletingPathExtension().lastPathComponent + "-page") && $0.pathExtension == "png" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !images.isEmpty else { throw Failure(description: "pdftoppm rendered no page of \(file.path)") }
        for image in images {
            let size = (try FileManager.default.attributesOfItem(atPath: image.path)[.size] as? Int) ?? 0
            guard size > 0 else { throw Failure(description: "pdftoppm wrote an empty image \(image.path)") }
        }
        return images
    }

    /// The Code 128 barcodes `zbarimg` decodes on the rendered pages, in page order.
    public func decodedBarcodes(dpi: Int = 200) async throws -> [String] {
        var found: [String] = []
        for image in try await renderPages(dpi: dpi) {
            // zbarimg exits 4 when an image holds no barcode: that is an answer, not a failure.
            let output = try await ExternalTool.run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Scode128.enable", image.path], acceptedStatuses: [0, 4])
            found += output.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        }
        return found
    }
}

/// Runs the external programs tests read documents with.
public enum ExternalTool {
    /// The absolute path of a program on `PATH`, or nil.
    public static func path(of program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    /// Runs a program and returns what it wrote to standard output. The wait happens on a thread of its
    /// own, not on the cooperative pool the other tests run on.
    public static func run(_ program: String, _ arguments: [String], acceptedStatuses: Set<Int32> = [0]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try runBlocking(program, arguments, acceptedStatuses: acceptedStatuses) })
            }
            thread.start()
        }
    }

    /// Runs a program on the calling thread and returns what it wrote to standard output.
    public static func runBlocking(_ program: String, _ arguments: [String], acceptedStatuses: Set<Int32> = [0]) throws -> String {
        guard let executable = path(of: program) else {
            throw PDFInspector.Failure(description: "\(program) is not installed (Debian: poppler-utils, zbar-tools)")
        }
        let run = try SpawnedProgram.run(executable, arguments)
        guard acceptedStatuses.contains(run.status) else {
            throw PDFInspector.Failure(description: "\(program) \(arguments.joined(separator: " ")) exited \(run.status): \(run.error)")
        }
        return run.output
    }
}
