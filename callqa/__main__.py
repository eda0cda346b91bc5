from callqa.cli import app

app(prog_name="callqa")
