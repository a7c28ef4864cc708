import './index.css';
import './repl-link.css';
