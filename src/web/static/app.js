// The only script: progressive enhancement. Every form works without it.
document.addEventListener('DOMContentLoaded', () => {
  // Move focus to the error summary so keyboard and screen-reader users hear what went wrong.
  const summary = document.querySelector('.error-summary')
  if (summary) summary.focus()
  // Ask before destructive actions that carry data-confirm.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault()
    })
  }
})

// The joining form: show only the parts for the chosen member type (hidden parts are disabled, so they are
// not sent) and keep the quote current as size, areas and shares change. The "compute" button does the same
// without the script.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('join-form')
  const quote = document.getElementById('quote')
  if (!form || !quote) return
  const inputs = ['memberType', 'employees', 'annualBudgetCents', 'primaryAreas', 'voluntaryShares']
  const showParts = () => {
    const type = new FormData(form).get('memberType') || 'organisation'
    for (const part of form.querySelectorAll('[data-member-types]')) {
      const on = part.getAttribute('data-member-types').split(' ').includes(type)
      part.hidden = !on
      part.disabled = !on
    }
  }
  let timer
  const refresh = () => {
    const data = new FormData(form)
    const query = new URLSearchParams()
    for (const name of inputs) for (const value of data.getAll(name)) query.append(name, value)
    fetch(`/join/quote?${query}`)
      .then((res) => res.text())
      .then((html) => {
        quote.querySelector('[data-quote-body]').innerHTML = html
      })
      .catch(() => {})
  }
  const changed = (event) => {
    if (event.target.name === 'memberType') showParts()
    if (!inputs.includes(event.target.name)) return
    clearTimeout(timer)
    timer = setTimeout(refresh, 250)
  }
  form.addEventListener('input', changed)
  form.addEventListener('change', changed)
  showParts()
})

// Catalog: the price calculator updates its result while typing (the "Berechnen" button does the same without
// the script); the result is the server's fragment from /prices/result, and the address bar follows the inputs.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('price-calculator')
  const result = document.getElementById('calc-result')
  if (!form || !result) return
  let timer
  const refresh = () => {
    const query = new URLSearchParams(new FormData(form))
    fetch(`/prices/result?${query}`)
      .then((res) => res.text())
      .then((html) => {
        result.querySelector('[data-calc-body]').innerHTML = html
        const link = result.querySelector('[data-calc-link]')
        if (link) link.setAttribute('href', `/prices?${query}`)
        history.replaceState(null, '', `/prices?${query}`)
      })
      .catch(() => {})
  }
  const changed = () => {
    clearTimeout(timer)
    timer = setTimeout(refresh, 250)
  }
  form.addEventListener('input', changed)
  form.addEventListener('change', changed)
})
