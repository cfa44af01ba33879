package io.mlcd.report;

/**
 * The stylesheet of the HTML reports, inlined so a report is one file that opens anywhere: from
 * a build artifact, an MLflow run or a mail attachment, without network access.
 */
final class PageStyle {
    static final String CSS = """
            :root { --ok: #1a7f37; --ok-bg: #dafbe1; --warn: #9a6700; --warn-bg: #fff8c5; --bad: #cf222e;
              --bad-bg: #ffebe9; --neutral: #59636e; --neutral-bg: #eff2f5; --ink: #1f2328; --muted: #59636e;
              --line: #d1d9e0; --soft: #f6f8fa; --accent: #1f5fa8; --unsure: #6639ba; --unsure-bg: #f3ecff; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #f2f4f7; color: var(--ink); font: 14px/1.5 -apple-system,
              BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1180px; margin: 0 auto; padding: 24px; }
            header.masthead, section { background: #fff; border: 1px solid var(--line); border-radius: 8px;
              padding: 20px 24px; margin-bottom: 16px; }
            header.masthead { border-left: 6px solid var(--tone); display: flex; gap: 20px; align-items: center; }
            header.ok { --tone: var(--ok); } header.warn { --tone: var(--warn); }
            header.bad { --tone: var(--bad); } header.neutral { --tone: var(--neutral); }
            header.unsure { --tone: var(--unsure); }
            h1 { font-size: 20px; margin: 0 0 2px; font-weight: 600; }
            h2 { font-size: 16px; margin: 0 0 14px; font-weight: 600; display: flex; gap: 12px; align-items: baseline; }
            h3 { font-size: 14px; margin: 18px 0 8px; font-weight: 600; }
            header.masthead p { margin: 0; }
            header.masthead .summary { font-size: 15px; margin-bottom: 4px; }
            .muted { color: var(--muted); }
            .small { font-size: 12px; }
            .tally { font-weight: normal; font-size: 13px; color: var(--muted); }
            code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
              font-size: 12.5px; }
            .badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600;
              letter-spacing: .02em; white-space: nowrap; }
            .badge.ok { background: var(--ok-bg); color: var(--ok); }
            .badge.warn { background: var(--warn-bg); color: var(--warn); }
            .badge.bad { background: var(--bad-bg); color: var(--bad); }
            .badge.neutral { background: var(--neutral-bg); color: var(--neutral); }
            .badge.unsure { background: var(--unsure-bg); color: var(--unsure); }
            .badge.verdict { font-size: 16px; padding: 7px 16px; border-radius: 6px; color: #fff;
              background: var(--tone); letter-spacing: .06em; }
            .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 12px 28px;
              margin: 0; }
            .facts dt { font-size: 12px; color: var(--muted); }
            .facts dd { margin: 0; overflow-wrap: anywhere; }
            table { border-collapse: collapse; width: 100%; }
            th, td { padding: 7px 10px; border-bottom: 1px solid #eaeef2; text-align: left; vertical-align: top; }
            thead th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--soft);
              border-bottom: 1px solid var(--line); white-space: nowrap; }
            .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.message { color: var(--muted); font-size: 13px; }
            .severity { font-size: 12px; font-weight: 600; color: var(--muted); }
            tr.short.bad td { background: #fff6f6; }
            tr.short.warn td { background: #fffbea; }
            tr.short.bad td:first-child { box-shadow: inset 3px 0 var(--bad); }
            tr.short.warn td:first-child { box-shadow: inset 3px 0 var(--warn); }
            tr.short.unsure td { background: #faf7ff; }
            tr.short.unsure td:first-child { box-shadow: inset 3px 0 var(--unsure); }
            tr.short td.message { color: var(--ink); }
            table.metrics { max-width: 760px; }
            .qualifier { color: var(--muted); }
            .block-title { padding-top: 18px; font-size: 13px; font-weight: 600; border-bottom: 1px solid var(--line); }
            .change.better { color: var(--ok); }
            .change.worse { color: var(--bad); }
            .change.same { color: var(--muted); }
            .notes { margin-top: 16px; padding: 10px 14px; background: var(--soft); border-radius: 6px;
              max-width: 760px; }
            .notes h3 { margin: 0 0 4px; font-size: 13px; }
            .notes ul { margin: 0; padding-left: 18px; color: var(--muted); font-size: 13px; }
            .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 16px; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
            .card-head { display: flex; gap: 10px; align-items: center; }
            .card-head code { font-size: 14px; font-weight: 600; }
            .card-head .badge { margin-left: auto; }
            .headline { margin: 8px 0 2px; display: flex; gap: 14px; align-items: baseline; }
            .change.big { font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .pairs { display: flex; gap: 32px; margin: 6px 0; }
            .pairs dt { font-size: 12px; color: var(--muted); }
            .pairs dd { margin: 0; font-variant-numeric: tabular-nums; }
            .conclusion { margin: 8px 0 4px; }
            .figures { display: flex; flex-wrap: wrap; gap: 28px 40px; align-items: flex-start; }
            figure { margin: 0; }
            figcaption { font-weight: 600; margin-bottom: 8px; }
            figcaption .muted { display: block; font-weight: normal; font-size: 13px; }
            .group + .group { margin-top: 28px; padding-top: 8px; border-top: 1px solid #eaeef2; }
            .group figure { margin-bottom: 12px; }
            svg { max-width: 100%; height: auto; display: block; }
            svg text { font-family: inherit; fill: var(--ink); }
            svg .tick { font-size: 11px; fill: var(--muted); }
            svg .axis-label, svg .legend { font-size: 12px; }
            svg .grid { stroke: #eaeef2; }
            svg .frame { fill: none; stroke: #8c959f; }
            svg .axis { stroke: #8c959f; }
            svg .diagonal { stroke: #8c959f; stroke-dasharray: 4 4; }
            svg .curve { fill: none; stroke: var(--accent); stroke-width: 2.2; stroke-linejoin: round; }
            svg .cell { stroke: #fff; }
            svg .count.dark { fill: #fff; }
            svg .bar.s0 { fill: #1f5fa8; }
            svg .bar.s1 { fill: #e08a2e; }
            svg .bar.s2 { fill: #8a5cc2; }
            svg .value { font-size: 10.5px; fill: var(--muted); }
            svg .zero { stroke: #8c959f; stroke-dasharray: 3 3; }
            svg .ci { stroke-width: 6; stroke-linecap: round; }
            svg .ci-point { fill: #fff; stroke-width: 2.5; }
            svg .ci.ok, svg .ci-point.ok { stroke: var(--ok); }
            svg .ci.bad, svg .ci-point.bad { stroke: var(--bad); }
            svg .ci.neutral, svg .ci-point.neutral { stroke: var(--neutral); }
            .badge.role { background: #ddf4ff; color: #0a5cb8; font-weight: 600; }
            .card-head .badge.role { margin-left: 0; }
            .dataset { display: flex; flex-wrap: wrap; gap: 18px 40px; align-items: center; }
            .big-number { font-size: 38px; font-weight: 600; line-height: 1.1; font-variant-numeric: tabular-nums; }
            .big-number.ok { color: var(--ok); } .big-number.warn { color: var(--warn); }
            .big-number.bad { color: var(--bad); } .big-number.unsure { color: var(--unsure); }
            .dataset .caption { font-size: 13px; color: var(--muted); }
            .chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 0; padding: 0; list-style: none; }
            .chips li { background: var(--bad-bg); color: var(--bad); border-radius: 4px; padding: 0 7px; }
            .chips li code { font-size: 12px; }
            .chips li.more { background: none; color: var(--muted); font-size: 13px; }
            table.columns a { color: inherit; text-decoration: none; }
            table.columns a:hover code { text-decoration: underline; }
            table.columns .badge.role { margin-left: 6px; }
            tr.drifted td:first-child { box-shadow: inset 3px 0 var(--bad); }
            .scroll { overflow-x: auto; }
            td.method { white-space: nowrap; }
            td.rule { color: var(--muted); font-size: 13px; white-space: nowrap; }
            .card.drifted { border-color: #f2b8b5; box-shadow: inset 4px 0 var(--bad); }
            .card .test { color: var(--muted); font-size: 13px; }
            .stat-line { margin: 8px 0 6px; display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; }
            .stat-line + p { margin: 0 0 6px; }
            .stat-value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .stat-value.bad { color: var(--bad); } .stat-value.ok { color: var(--ok); }
            .card svg { margin: 4px 0; }
            table.sides { margin-top: 8px; font-size: 12.5px; }
            table.sides th, table.sides td { padding: 4px 8px; }
            table.sides tbody th { font-weight: 600; color: var(--muted); }
            svg .bar.ref { fill: #b3bfcc; }
            svg .bar.cur { fill: #1f5fa8; }
            svg .hit { fill: transparent; }
            svg .slot:hover .hit { fill: #eef3fa; }
            svg .segment.drifted { fill: var(--bad); }
            svg .segment.stable { fill: #d8dee4; }
            svg .gate-mark { stroke: var(--ink); stroke-width: 2; }
            svg .band.warn { fill: var(--warn-bg); } svg .band.bad { fill: var(--bad-bg); }
            svg .band.unsure { fill: var(--unsure-bg); } svg .band.neutral { fill: var(--neutral-bg); }
            svg .weight { fill: #c6d8ee; }
            svg .series.canary { fill: none; stroke: var(--accent); stroke-width: 2.2; stroke-linejoin: round; }
            svg .series.baseline { fill: none; stroke: #6e7781; stroke-width: 1.8; stroke-dasharray: 6 4; }
            svg .dot.canary { fill: var(--accent); }
            svg .dot.baseline { fill: #fff; stroke: #6e7781; stroke-width: 1.8; }
            svg .mark.ok { fill: var(--ok); } svg .mark.warn { fill: var(--warn); }
            svg .mark.bad { fill: var(--bad); } svg .mark.unsure { fill: var(--unsure); }
            svg .mark.neutral { fill: var(--neutral); }
            svg text.mark-text { fill: #fff; font-size: 10.5px; font-weight: 600; letter-spacing: .03em; }
            svg .panel-title { font-size: 12px; font-weight: 600; }
            svg .step-label { font-size: 11px; }
            table.steps td { font-size: 13px; }
            table.steps thead tr + tr th { font-weight: normal; }
            td.window { white-space: nowrap; }
            table.steps tr.lead td { border-bottom: none; }
            table.steps tr.gates-row td { padding-top: 0; }
            ul.step-gates { margin: 0; padding: 0; list-style: none; color: var(--muted); font-size: 12.5px; }
            ul.step-gates li + li { margin-top: 4px; }
            ul.step-gates .badge { font-size: 11px; margin-right: 6px; }
            footer { color: var(--muted); font-size: 12px; text-align: center; padding: 4px 0 16px; }
            @media print { body { background: #fff; } section { break-inside: avoid; } }
            """;

    /**
     * Rules only the data validation page uses (after {@link #CSS}): cards and rows marked by the
     * worst outcome, constraint tables inside cards, example values as chips that show their
     * spaces, and the bars of values outside the schema.
     */
    static final String DATA_CSS = """
            .card.bad { border-color: #f2b8b5; box-shadow: inset 4px 0 var(--bad); }
            .card.warn { border-color: #eed9a0; box-shadow: inset 4px 0 var(--warn); }
            .card .pairs { flex-wrap: wrap; gap: 4px 24px; }
            .card .pairs dd { overflow-wrap: anywhere; }
            .card-head .muted { font-size: 13px; }
            table.constraints { margin: 10px 0 6px; font-size: 12.5px; }
            table.constraints th, table.constraints td { padding: 4px 8px; }
            tr.lead td { border-bottom: none; }
            tr.detail td { padding-top: 0; }
            td.expected, td.what { overflow-wrap: anywhere; }
            .tag { font-size: 11px; font-weight: 600; color: var(--muted); margin-left: 6px; white-space: nowrap; }
            p.message { margin: 0 0 2px; font-size: 12.5px; overflow-wrap: anywhere; }
            ul.examples { display: flex; flex-wrap: wrap; gap: 4px; margin: 2px 0 0; padding: 0; list-style: none; }
            ul.examples code { background: var(--soft); border: 1px solid var(--line); border-radius: 4px;
              padding: 0 5px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; }
            ul.examples .none { color: var(--muted); font-style: italic; }
            table.anomalies td { font-size: 13px; }
            table.anomalies a, .card-head a { color: inherit; }
            ul.unevaluated { margin: 10px 0 0; padding-left: 18px; font-size: 13px; }
            table.history { max-width: 900px; font-size: 13px; }
            svg .bar.out { fill: var(--bad); }
            svg .bar.other { fill: #b3bfcc; }
            """;

    private PageStyle() {
    }
}
