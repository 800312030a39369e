// Tailwind CSS 4 runs as a single PostCSS plugin (no tailwind.config.js; tokens live in app/globals.css).
const config = {
  plugins: { '@tailwindcss/postcss': {} },
};

export default config;
