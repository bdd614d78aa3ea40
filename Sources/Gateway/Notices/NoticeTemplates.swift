public import Foundation
import Mustache

/// The patron notices' templates, one Mustache file per ``PatronNoticeKind`` in a directory, checked when loaded:
/// a placeholder outside ``NoticeTemplates/placeholders`` is an error naming the file and its line.
public struct NoticeTemplates: Hashable, Sendable {
    /// The placeholders a notice fills; a template may use any of them, and no other. `reminder_number`,
    /// `reminder_count` and `is_final` are filled on scheduled overdue notices only (`[notices] reminders`).
    public static let placeholders: Set<String> = [
        "patron_email", "title", "author", "request_id", "transaction_id", "branch", "branch_code",
        "due_date", "lender", "library", "reminder_number", "reminder_count", "is_final",
    ]

    private let templates: [PatronNoticeKind: MustacheTemplate]
    /// Each template's text as read: what two sets of templates are compared by (a reload sees an edited file).
    private let sources: [PatronNoticeKind: String]

    /// Loads and checks every kind's template from `directory` (an optional kind's only when its file is there).
    /// - Throws: ``NoticeTemplateError`` for the first template that is missing, unreadable, malformed or names an unknown placeholder.
    public init(directory: URL) throws(NoticeTemplateError) {
        var templates: [PatronNoticeKind: MustacheTemplate] = [:]
        var sources: [PatronNoticeKind: String] = [:]
        for kind in PatronNoticeKind.allCases {
            let file = directory.appendingPathComponent(kind.templateFileName).path
            guard FileManager.default.fileExists(atPath: file) else {
                if !kind.isTemplateRequired { continue }
                throw NoticeTemplateError(.missing, file: file, "no template for the \(kind.rawValue) notice")
            }
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw NoticeTemplateError(.unreadable, file: file, "cannot be read as UTF-8 text")
            }
            templates[kind] = try Self.compile(text, file: file)
            sources[kind] = text
        }
        self.templates = templates
        self.sources = sources
    }

    /// Checks and compiles one template's text.
    /// - Throws: ``NoticeTemplateError`` naming `file` and the line of an unknown placeholder.
    static func compile(_ text: String, file: String) throws(NoticeTemplateError) -> MustacheTemplate {
        for tag in MustacheTags(text) where !placeholders.contains(tag.name) {
            throw NoticeTemplateError(
                .unknownPlaceholder,
                file: file,
                line: tag.line,
                "unknown placeholder '\(tag.name)' (known: \(placeholders.sorted().joined(separator: ", ")))"
            )
        }
        do {
            return try MustacheTemplate(string: text)
        } catch {
            throw NoticeTemplateError(.malformed, file: file, "not a valid Mustache template: \(error)")
        }
    }

    public static func == (left: NoticeTemplates, right: NoticeTemplates) -> Bool {
        left.sources == right.sources
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sources)
    }

    /// Whether the directory had a template for `kind`.
    public func hasTemplate(for kind: PatronNoticeKind) -> Bool {
        templates[kind] != nil
    }

    /// The text of a notice: the kind's template filled with `values` (keys from ``placeholders``).
    public func render(_ kind: PatronNoticeKind, _ values: [String: String]) -> String {
        templates[kind]?.render(values) ?? ""
    }
}

/// The named tags of a Mustache text (variables and sections), with the line each is on. Comments, partials and
/// delimiter changes are skipped; `{{.}}` is not a name.
struct MustacheTags: Sequence {
    struct Tag: Hashable {
        var name: String
        var line: Int
    }

    private let tags: [Tag]

    init(_ text: String) {
        var tags: [Tag] = []
        var line = 1
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            line += rest[..<open.lowerBound].count(where: \.isNewline)
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else { break }
            var inside = afterOpen[..<close.lowerBound]
            let tagLine = line
            line += inside.count(where: \.isNewline)
            rest = afterOpen[close.upperBound...]
            if inside.first == "{", rest.first == "}" { rest = rest.dropFirst() }
            guard let sigil = inside.first else { continue }
            if "!>=".contains(sigil) { continue }
            if "#^/&{".contains(sigil) { inside = inside.dropFirst() }
            let name = inside.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty || name == "." { continue }
            tags.append(Tag(name: name, line: tagLine))
        }
        self.tags = tags
    }

    func makeIterator() -> IndexingIterator<[Tag]> { tags.makeIterator() }
}
