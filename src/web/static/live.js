// Live counters of an assembly's polls (Server-Sent Events). The page works without it: reload shows the same.
;(() => {
  const root = document.querySelector('[data-live]')
  if (!root || !window.EventSource) return
  const source = new EventSource(root.getAttribute('data-live'))
  source.addEventListener('counts', (e) => {
    for (const p of JSON.parse(e.data).polls) {
      const el = document.querySelector(`[data-poll-count="${p.id}"]`)
      if (el) el.textContent = el.dataset.template.replace('{cast}', p.cast).replace('{entitled}', p.entitled)
    }
  })
  source.addEventListener('poll', (e) => {
    const p = JSON.parse(e.data)
    if (document.querySelector(`[data-poll-status="${p.id}"]`) || p.status === 'open') location.reload()
  })
})()
