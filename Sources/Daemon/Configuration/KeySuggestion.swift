/// Picks the known key an unknown one was probably meant to be.
enum KeySuggestion {
    /// The closest of `candidates` to `key` when it is close enough to be a likely typo (a letter or two
    /// off, swapped letters, a different case, or one is a longer form of the other), else `nil`.
    static func closest(to key: String, among candidates: [String]) -> String? {
        let lowered = key.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != key {
            let other = candidate.lowercased()
            var distance = editDistance(lowered, other)
            let shorter = min(lowered.count, other.count)
            let allowed = max(1, min(3, max(lowered.count, other.count) / 3))
            if distance > allowed {
                // `basic_username` for `basic_user`, `token` for `token_file`.
                guard shorter >= 4, lowered.contains(other) || other.contains(lowered) else { continue }
                distance = allowed + 1
            }
            if best == nil || distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left.unicodeScalars)
        let b = Array(right.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, table[i - 2][j - 2] + 1)
                }
                table[i][j] = value
            }
        }
        return table[a.count][b.count]
    }
}
