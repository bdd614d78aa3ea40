/// Finds the ledger identity (cluster) a copyright subject counts under (K03, §5.2).
///
/// Periodicals, in order:
/// 1. a cluster holding any of the subject's valid ISSNs; the subject's other ISSNs are learned, so a
///    request carrying both the print and the electronic ISSN links them;
/// 2. a cluster linked through the ISSN-L table (the subject's ISSN-L, or an ISSN-L shared with one of
///    the cluster's ISSNs); the subject's ISSNs (and the ISSN-L) are learned;
/// 3. a cluster with the same title key, when the subject has no valid ISSN, or its ISSNs are in no
///    other cluster (they were not found in step 1): the ISSN is learned, so print and electronic ISSNs
///    join. A generic title (`generic_titles`: "Bulletin", "Newsletter", "Annual Report", …) is the
///    exception: a valid ISSN then joins only a cluster that has no ISSN yet, so two different ISSNs with
///    a generic title stay apart;
/// 4. a new cluster.
///
/// This settles the policy reference's K03 in favour of step 3: "two different valid ISSNs never merge on
/// title alone" holds for generic titles only.
///
/// Works (non-periodicals) are clusters keyed by ``CopyrightSubject/workKey`` with no ISSNs.
public enum TitleIdentityResolver {
    /// The cluster a subject belongs to.
    /// - Parameters:
    ///   - subject: the subject from ``CopyrightClassifier``.
    ///   - candidates: every stored cluster that holds one of the subject's ISSNs or ISSN-Ls, or its title
    ///     key (for works: its work key).
    ///   - issnL: ISSN → ISSN-L, keys and values canonical (`NNNN-NNNC`) or compact (`NNNNNNNC`).
    ///   - genericTitles: titles (any spelling; compared by title key) that never join two ISSNs.
    public static func resolve(
        _ subject: CopyrightSubject,
        candidates: [TitleCluster],
        issnL: [String: String],
        genericTitles: [String] = CopyrightBorrowingConfiguration.defaultGenericTitles
    ) -> TitleResolution {
        let ordered = candidates.sorted { $0.id < $1.id }
        if let workKey = subject.workKey {
            if let cluster = ordered.first(where: { $0.issns.isEmpty && $0.titleKeys.contains(workKey) }) {
                return .existing(id: cluster.id, learnedISSNs: [], learnedTitleKey: nil)
            }
            return .new(issns: [], titleKey: workKey)
        }

        let issns = unique(subject.issns.compactMap { ISSN($0)?.canonical })
        let titleKey = subject.titleKey

        // 1. By ISSN: the cluster sharing the most ISSNs (the oldest on a tie).
        let byISSN = ordered
            .map { cluster in (cluster, issns.filter(cluster.issns.contains).count) }
            .filter { $0.1 > 0 }
        if let best = byISSN.max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0.id > $1.0.id) })?.0 {
            return existing(best, learning: issns, titleKey: titleKey, others: ordered)
        }

        // 2. Through the ISSN-L table.
        let links = Set(issns.compactMap { linkingISSN(of: $0, in: issnL) })
        if !links.isEmpty {
            for cluster in ordered {
                let clusterLinks = Set(cluster.issns.compactMap { linkingISSN(of: $0, in: issnL) })
                if !cluster.issns.isDisjoint(with: links) || !clusterLinks.isDisjoint(with: links) {
                    let learn = unique(issns + links.sorted())
                    return existing(cluster, learning: learn, titleKey: titleKey, others: ordered)
                }
            }
        }

        // 3. By title key: a new ISSN joins (learned), except under a generic title.
        if !titleKey.isEmpty {
            let sameTitle = ordered.filter { $0.titleKeys.contains(titleKey) }
            let eligible = issns.isEmpty || !isGeneric(titleKey, genericTitles) ? sameTitle : sameTitle.filter(\.issns.isEmpty)
            // Without an ISSN, a title shared by several ISSN clusters is ambiguous: prefer the cluster
            // that has no ISSN (title-only requests count together), else start one.
            let chosen = eligible.count == 1 ? eligible.first : eligible.first(where: \.issns.isEmpty)
            if let chosen {
                return existing(chosen, learning: issns, titleKey: titleKey, others: ordered)
            }
        }

        // 4. A new cluster.
        return .new(issns: issns, titleKey: titleKey)
    }

    /// Whether a title key is one of the generic titles (compared by title key).
    public static func isGeneric(_ titleKey: String, _ genericTitles: [String]) -> Bool {
        genericTitles.contains { TitleKey.make($0) == titleKey }
    }

    /// The canonical ISSN-L of an ISSN in a table keyed by canonical or compact ISSNs, or `nil`.
    public static func linkingISSN(of issn: String, in table: [String: String]) -> String? {
        guard !table.isEmpty, let parsed = ISSN(issn) else { return nil }
        let canonical = parsed.canonical
        let value = table[canonical] ?? table[canonical.replacingHyphen()] ?? table[canonical.lowercased()]
        return value.flatMap { ISSN($0)?.canonical }
    }

    private static func existing(_ cluster: TitleCluster, learning issns: [String], titleKey: String, others: [TitleCluster]) -> TitleResolution {
        // An ISSN already in another cluster is not moved here: clusters are never merged implicitly.
        let taken = Set(others.filter { $0.id != cluster.id }.flatMap(\.issns))
        let learned = issns.filter { !cluster.issns.contains($0) && !taken.contains($0) }
        let learnedKey = titleKey.isEmpty || cluster.titleKeys.contains(titleKey) ? nil : titleKey
        return .existing(id: cluster.id, learnedISSNs: learned, learnedTitleKey: learnedKey)
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}

extension String {
    /// `1234-5679` → `12345679`.
    fileprivate func replacingHyphen() -> String { filter { $0 != "-" } }
}
