// Ticks the SLA figures the server rendered with TickingClock (Features/Sla/TickingClock.cs).
// The server renders a figure as of its own clock (data-sla-now) with the instant it counts to
// (data-sla-due) and re-renders only when a tone changes; between, this moves the figure on from
// the browser's clock, offset by the server's, so a queue of a hundred rows costs the server no
// render batch per second. The format matches SlaCountdown.Format: mm:ss under an hour, h:mm:ss
// beyond, whole seconds rounded up, "+" once past due.
(() => {
    'use strict';

    const two = (n) => String(n).padStart(2, '0');

    function format(ms) {
        const total = Math.max(0, Math.ceil(ms / 1000 - 1e-9));
        const h = Math.floor(total / 3600);
        const m = Math.floor(total / 60) % 60;
        const s = total % 60;
        return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
    }

    function tick() {
        const local = Date.now();
        for (const el of document.querySelectorAll('.sla-clock[data-sla-due]')) {
            const text = el.firstChild;
            if (!text || text.nodeType !== Node.TEXT_NODE) {
                continue;
            }
            // A new server render brings a new data-sla-now: the offset is taken when it is first seen.
            const rendered = el.dataset.slaNow;
            if (el.slaRendered !== rendered) {
                el.slaRendered = rendered;
                el.slaOffset = Number(rendered) - local;
            }
            const left = Number(el.dataset.slaDue) - (local + el.slaOffset);
            const figure = left < 0 ? '+' + format(-left) : format(left);
            // Rewrite the text node in place: Blazor keeps a reference to it for its next render.
            if (text.nodeValue !== figure) {
                text.nodeValue = figure;
            }
        }
    }

    setInterval(tick, 250);
})();
