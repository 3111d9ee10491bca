// Drag and drop onto a contract's upload form: the dropped file fills the file input and the form is sent.
// Without JavaScript the "Add a file" input and Upload button do the same.
for (const form of document.querySelectorAll('[data-drop-zone]')) {
  const input = form.querySelector('input[type="file"]');
  if (!input) continue;
  form.addEventListener('dragover', (event) => {
    event.preventDefault();
    form.classList.add('drop-active');
  });
  form.addEventListener('dragleave', () => form.classList.remove('drop-active'));
  form.addEventListener('drop', (event) => {
    event.preventDefault();
    form.classList.remove('drop-active');
    if (!event.dataTransfer || event.dataTransfer.files.length === 0) return;
    input.files = event.dataTransfer.files;
    form.requestSubmit();
  });
}
