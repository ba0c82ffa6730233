// Keyboard shortcuts and desktop alerts for the workspace (issue #15). Loaded on every page; the
// Blazor side calls window.desk.* for alerts; keys are handled here so they work on any page
// without a round trip, and never while the user is typing (except Ctrl+Enter, which the reply box handles).
(() => {
    'use strict';

    const isTyping = (el) => !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
    const rows = () => Array.from(document.querySelectorAll('[data-testid="queue-row"]'));
    let selectedId = null;

    function markSelected() {
        for (const row of rows()) {
            if (row.dataset.conversationId === selectedId) {
                row.setAttribute('data-kb-selected', '');
                row.setAttribute('aria-current', 'true');
            } else if (row.hasAttribute('data-kb-selected')) {
                row.removeAttribute('data-kb-selected');
                row.removeAttribute('aria-current');
            }
        }
    }

    function move(step) {
        const list = rows();
        if (list.length === 0) {
            return;
        }
        let index = list.findIndex(r => r.dataset.conversationId === selectedId);
        index = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
        selectedId = list[index].dataset.conversationId;
        markSelected();
        list[index].scrollIntoView({ block: 'nearest' });
    }

    const selectedRow = () => rows().find(r => r.dataset.conversationId === selectedId) || null;

    function toggleHelp(show) {
        const help = document.querySelector('[data-testid="shortcuts"]');
        if (help) {
            help.hidden = show === undefined ? !help.hidden : !show;
        }
    }

    document.addEventListener('keydown', (e) => {
        if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) {
            return;
        }
        if (e.key === 'Escape') {
            toggleHelp(false);
            return;
        }
        if (isTyping(e.target)) {
            return;
        }
        switch (e.key) {
            case '/': {
                const box = document.querySelector('[data-testid="search-box"]');
                if (box) {
                    e.preventDefault();
                    box.focus();
                    box.select();
                }
                break;
            }
            case '?':
                e.preventDefault();
                toggleHelp();
                break;
            case 'j':
            case 'k':
                if (rows().length > 0) {
                    e.preventDefault();
                    move(e.key === 'j' ? 1 : -1);
                }
                break;
            case 'Enter': {
                const link = selectedRow()?.querySelector('[data-testid="open-conversation"]');
                if (link) {
                    e.preventDefault();
                    link.click();
                }
                break;
            }
            case 'c': {
                // In the queue: the selected row's claim; on a conversation page: its own claim button.
                const claim = selectedRow()?.querySelector('[data-testid="claim"]')
                    ?? (rows().length === 0 ? document.querySelector('[data-testid="claim"]') : null);
                if (claim) {
                    e.preventDefault();
                    claim.click();
                }
                break;
            }
            case 't': {
                const open = document.querySelector('[data-testid="template-search-open"]');
                const box = document.querySelector('[data-testid="template-search"]');
                if (box) {
                    e.preventDefault();
                    box.focus();
                } else if (open) {
                    e.preventDefault();
                    open.click();
                }
                break;
            }
        }
    });

    // Rows re-render (countdowns tick, Virtualize recycles them): keep the mark on the selected one.
    new MutationObserver(() => {
        if (selectedId !== null) {
            const row = selectedRow();
            if (row && !row.hasAttribute('data-kb-selected')) {
                markSelected();
            }
        }
        // The template search box appears after "t" opened it: focus it once.
        const box = document.querySelector('[data-testid="template-search"][data-autofocus]');
        if (box && document.activeElement !== box) {
            box.removeAttribute('data-autofocus');
            box.focus();
        }
    }).observe(document.documentElement, { childList: true, subtree: true });

    // ---- Desktop alerts: a browser notification, an optional sound and a count in the tab title.
    let unseen = 0;
    const badge = /^\(\d+\) /;

    function applyBadge() {
        const bare = document.title.replace(badge, '');
        const wanted = unseen > 0 ? `(${unseen}) ${bare}` : bare;
        if (document.title !== wanted) {
            document.title = wanted;
        }
    }

    const watching = () => document.visibilityState === 'visible' && document.hasFocus();

    function seen() {
        if (unseen !== 0 && watching()) {
            unseen = 0;
            applyBadge();
        }
    }

    window.addEventListener('focus', seen);
    document.addEventListener('visibilitychange', seen);
    // Pages set their own titles; keep the count in front of whatever they set.
    const titleWatch = new MutationObserver(() => { if (unseen > 0 && !badge.test(document.title)) { applyBadge(); } });
    const watchTitle = () => { const t = document.querySelector('title'); if (t) { titleWatch.observe(t, { childList: true, characterData: true, subtree: true }); } };
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', watchTitle);
    } else {
        watchTitle();
    }

    let audio = null;
    function beep() {
        try {
            audio = audio || new AudioContext();
            const osc = audio.createOscillator();
            const gain = audio.createGain();
            osc.frequency.value = 880;
            gain.gain.setValueAtTime(0.15, audio.currentTime);
            gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
            osc.connect(gain).connect(audio.destination);
            osc.start();
            osc.stop(audio.currentTime + 0.35);
        } catch {
            // No audio device or autoplay refused: the notification and badge still show.
        }
    }

    window.desk = {
        permission: () => ('Notification' in window) ? Notification.permission : 'unsupported',
        requestPermission: async () => ('Notification' in window) ? await Notification.requestPermission() : 'unsupported',
        testSound: () => beep(),
        unseen: () => unseen,
        // Shown only when the agent is not looking at this tab: in front of it the page itself shows the change.
        alert: (title, body, url, tag, sound) => {
            if (watching()) {
                return false;
            }
            unseen++;
            applyBadge();
            if (sound) {
                beep();
            }
            if ('Notification' in window && Notification.permission === 'granted') {
                const n = new Notification(title, { body, tag, renotify: true });
                n.onclick = () => { window.focus(); if (url) { location.assign(url); } n.close(); };
            }
            return true;
        },
    };
})();
