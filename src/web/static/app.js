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
