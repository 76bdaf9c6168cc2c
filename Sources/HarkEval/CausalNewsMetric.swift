// The subtask-2 metric of Causal News Corpus v2, as its scorer computes it.
//
// What the scorer does (evaluation/subtask2/_evaluate.py and
// utils_eval_st2.py in tanfiona/CausalNewsCorpus, the V2 / CASE 2023 version):
//
// 1. Only sentences with annotated relations count. A sentence's predictions
//    are cut to the number of annotated relations, or padded with the
//    unmarked sentence (nothing predicted) when there are fewer.
// 2. Each relation becomes two tag sequences over the space-separated tokens
//    (cause/effect, and signal), read as `RelationTags` describes.
// 3. For a sentence with several relations, every pairing of predictions to
//    annotations is tried and the first with the highest overall F1 is kept.
// 4. Spans are compared with FairEval (Ortmann 2022, "Fine-Grained Error
//    Analysis and Fair Evaluation of Labeled Spans", the metric
//    hpi-dhc/FairEval), which counts each error once: besides true
//    positives (TP), false positives (FP) and false negatives (FN) it finds
//    labelling errors (LE: same tokens, other label), boundary errors (BE:
//    same label, overlapping tokens) and labelling-boundary errors (LBE).
//    With its default "fair" weights an LE, BE or LBE counts half a false
//    positive and half a false negative:
//      precision = TP / (TP + FP + ½(LE + BE + LBE))
//      recall    = TP / (TP + FN + ½(LE + BE + LBE))
//      F1        = 2PR / (P + R)
//    Per label (Cause, Effect, Signal) an error counts for the annotated label.
// 5. The headline "F1" is the overall F1 of the counts pooled over the three
//    labels (FairEval's `overall_f1`). The shared-task papers call it the
//    subtask's macro F1; the per-label F1 and their plain average are reported beside it.
//
// Spans here keep FairEval's own convention (first and last token, inclusive).

/// FairEval's error counts for one label or for all.
struct FairCounts: Equatable {
  var tp = 0
  var fp = 0
  var fn = 0
  var le = 0
  var be = 0
  var lbe = 0

  private var halfErrors: Double { 0.5 * Double(le + be + lbe) }

  var precision: Double {
    let denominator = Double(tp + fp) + halfErrors
    return denominator == 0 ? 0 : Double(tp) / denominator
  }

  var recall: Double {
    let denominator = Double(tp + fn) + halfErrors
    return denominator == 0 ? 0 : Double(tp) / denominator
  }

  var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

  static func + (a: FairCounts, b: FairCounts) -> FairCounts {
    FairCounts(
      tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, le: a.le + b.le, be: a.be + b.be, lbe: a.lbe + b.lbe)
  }
}

/// FairEval counts summed over the sequences added.
struct FairEvaluation: Equatable {
  var overall = FairCounts()
  var perLabel: [String: FairCounts] = [:]

  /// Adds one pair of tag sequences (annotation, prediction).
  mutating func add(reference: [String], prediction: [String]) {
    add(target: RelationTags.spans(reference), system: RelationTags.spans(prediction))
  }

  static func + (a: FairEvaluation, b: FairEvaluation) -> FairEvaluation {
    var sum = a
    sum.overall = a.overall + b.overall
    for (label, counts) in b.perLabel { sum.perLabel[label] = sum.perLabel[label, default: FairCounts()] + counts }
    return sum
  }

  /// A span as FairEval handles it: its tokens shrink as parts of it are matched.
  private final class Span {
    let label: String
    let first: Int
    let last: Int
    var tokens: Set<Int>
    init(_ span: TaggedSpan) {
      label = span.label
      first = span.first
      last = span.last
      tokens = Set(span.first...span.last)
    }
    func sameBounds(_ other: Span) -> Bool { first == other.first && last == other.last }
  }

  private enum Overlap { case identical, smaller, larger, overlapping, none }

  /// How `b` overlaps `a` (FairEval's `overlap_type`, inclusive bounds).
  private static func overlap(_ a: Span, _ b: Span) -> Overlap {
    if a.sameBounds(b) { return .identical }
    if a.first == b.first { return b.last >= a.first && b.last < a.last ? .smaller : .larger }
    if b.first < a.first {
      if b.last < a.first { return .none }
      return b.last < a.last ? .overlapping : .larger
    }
    if b.first <= a.last { return b.last <= a.last ? .smaller : .overlapping }
    return .none
  }

  private static func isBoundaryError(_ a: Span, _ b: Span) -> Bool {
    !a.sameBounds(b) && [.smaller, .larger, .overlapping].contains(overlap(a, b))
  }

  /// FairEval's `_max_sim`: most shared tokens, then fewest tokens only in
  /// `t`, then fewest only in the candidate, then the shortest; ties keep list order.
  private static func mostSimilar(to t: Span, in candidates: [Span]) -> Span {
    let ranked = candidates.enumerated().sorted { x, y in
      let a = (
        -t.tokens.intersection(x.element.tokens).count, t.tokens.subtracting(x.element.tokens).count,
        x.element.tokens.subtracting(t.tokens).count, x.element.last - x.element.first, x.offset
      )
      let b = (
        -t.tokens.intersection(y.element.tokens).count, t.tokens.subtracting(y.element.tokens).count,
        y.element.tokens.subtracting(t.tokens).count, y.element.last - y.element.first, y.offset
      )
      return a < b
    }
    return ranked[0].element
  }

  private mutating func count(_ label: String, _ change: (inout FairCounts) -> Void) {
    change(&overall)
    change(&perLabel[label, default: FairCounts()])
  }

  /// FairEval's `compare_spans` for one sequence, step by step. Its loops
  /// remove the current element from the list they walk, which makes Python
  /// skip the next element; that is kept, so the counts match the scorer's.
  mutating func add(target targetSpans: [TaggedSpan], system systemSpans: [TaggedSpan]) {
    var target = targetSpans.map(Span.init)
    var system = systemSpans.map(Span.init)
    func remove(_ span: Span, from list: inout [Span]) {
      if let k = list.firstIndex(where: { $0 === span }) { list.remove(at: k) }
    }
    // True positives: same label, same bounds.
    for t in target {
      if let s = system.first(where: { $0.label == t.label && $0.sameBounds(t) }) {
        count(t.label) { $0.tp += 1 }
        remove(s, from: &system)
        remove(t, from: &target)
      }
    }
    // Labelling errors: same bounds, another label.
    for t in target {
      if let s = system.first(where: { $0.label != t.label && $0.sameBounds(t) }) {
        count(t.label) { $0.le += 1 }
        remove(s, from: &system)
        remove(t, from: &target)
      }
    }
    target.sort { $0.last - $0.first < $1.last - $1.first }
    system.sort { $0.last - $0.first < $1.last - $1.first }
    var countedTarget: [Span] = []
    var countedSystem: [Span] = []

    // Boundary errors (same label), then labelling-boundary errors (other label).
    for sameLabel in [true, false] {
      let labelMatches: (Span, Span) -> Bool = { sameLabel ? $0.label == $1.label : $0.label != $1.label }
      let record: (inout FairCounts) -> Void = { counts in
        if sameLabel { counts.be += 1 } else { counts.lbe += 1 }
      }
      func take(_ t: Span, _ s: Span) {
        let shared = t.tokens.intersection(s.tokens)
        t.tokens.subtract(shared)
        s.tokens.subtract(shared)
      }
      // 1. Unmatched annotations against unmatched predictions.
      var i = 0
      while i < target.count {
        let t = target[i]
        let candidates = system.filter { labelMatches(t, $0) && Self.isBoundaryError(t, $0) }
        if !candidates.isEmpty {
          let s = candidates.count > 1 ? Self.mostSimilar(to: t, in: candidates) : candidates[0]
          count(t.label, record)
          remove(s, from: &system)
          target.remove(at: i)
          take(t, s)
          countedSystem.append(s)
          countedTarget.append(t)
        }
        i += 1
      }
      // 2. Unmatched annotations against matched predictions that still have unmatched tokens.
      i = 0
      while i < target.count {
        let t = target[i]
        let candidates = countedSystem.filter {
          labelMatches(t, $0) && Self.isBoundaryError(t, $0) && !t.tokens.isDisjoint(with: $0.tokens)
        }
        if !candidates.isEmpty {
          let s = candidates.count > 1 ? Self.mostSimilar(to: t, in: candidates) : candidates[0]
          count(t.label, record)
          target.remove(at: i)
          take(t, s)
          countedTarget.append(t)
        }
        i += 1
      }
      // 3. Unmatched predictions against matched annotations.
      i = 0
      while i < system.count {
        let s = system[i]
        let candidates = countedTarget.filter {
          labelMatches($0, s) && Self.isBoundaryError($0, s) && !$0.tokens.isDisjoint(with: s.tokens)
        }
        if !candidates.isEmpty {
          let t = candidates.count > 1 ? Self.mostSimilar(to: s, in: candidates) : candidates[0]
          count(t.label, record)
          system.remove(at: i)
          take(t, s)
          countedSystem.append(s)
        }
        i += 1
      }
    }
    for t in target { count(t.label) { $0.fn += 1 } }
    for s in system { count(s.label) { $0.fp += 1 } }
  }
}

/// The subtask-2 score of a split: annotations and predictions per sentence.
enum CausalSpanScore {
  /// `annotated[k]` and `predicted[k]` are the marked relations of sentence
  /// `k`, and `texts[k]` its plain text; sentences without annotations are skipped.
  static func evaluate(texts: [String], annotated: [[String]], predicted: [[String]]) -> FairEvaluation {
    var total = FairEvaluation()
    for k in annotated.indices where !annotated[k].isEmpty {
      let references = annotated[k].map(RelationTags.init(marked:))
      var guesses = Array(predicted[k].prefix(references.count))
      while guesses.count < references.count { guesses.append(texts[k]) }
      let predictions = guesses.map(RelationTags.init(marked:))
      total = total + best(references, predictions)
    }
    return total
  }

  /// The pairing of predictions to annotations with the highest overall F1.
  /// As in the scorer, prediction k meets annotation `order[k]` for each
  /// ordering in itertools.permutations' order, and the first best is kept.
  static func best(_ references: [RelationTags], _ predictions: [RelationTags]) -> FairEvaluation {
    func score(_ order: [Int]) -> FairEvaluation {
      var evaluation = FairEvaluation()
      for (p, r) in zip(predictions.indices, order) {
        evaluation.add(reference: references[r].causeEffect, prediction: predictions[p].causeEffect)
        evaluation.add(reference: references[r].signal, prediction: predictions[p].signal)
      }
      return evaluation
    }
    guard references.count > 1 else { return score(Array(references.indices)) }
    var best: FairEvaluation?
    for order in permutations(of: Array(references.indices)) {
      let evaluation = score(order)
      if best == nil || evaluation.overall.f1 > best!.overall.f1 { best = evaluation }
    }
    return best!
  }

  /// All orderings of `items`, in the order Python's itertools.permutations gives them.
  static func permutations(of items: [Int]) -> [[Int]] {
    guard items.count > 1 else { return [items] }
    var result: [[Int]] = []
    for (k, item) in items.enumerated() {
      var rest = items
      rest.remove(at: k)
      for tail in permutations(of: rest) { result.append([item] + tail) }
    }
    return result
  }
}
