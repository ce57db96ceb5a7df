/**
 * Reports of a replay sweep: {@code report.json} ({@link io.switchboard.bench.report.ReportJson}), a
 * self-contained {@code report.html} with inline SVG plots ({@link io.switchboard.bench.report.ReportHtml}) and
 * the text table printed last ({@link io.switchboard.bench.report.ReportTable}). Output is a pure function of
 * the sweep result: no clock, no hash-map iteration order.
 */
package io.switchboard.bench.report;
